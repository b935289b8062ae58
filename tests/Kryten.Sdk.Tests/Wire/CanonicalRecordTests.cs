using System.Globalization;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Wire;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// The generated canonical record path (<see cref="KrytenEventRegistry.TryReadCanonical"/>) promises what the canonical
/// envelope path promises: it accepts a subset of what <see cref="KrytenEventRegistry.TryParse"/> accepts, with the same
/// record, and declines (never throws) the rest. The bridge's plain chat messages must really take it, or the promise
/// would hold vacuously.
/// </summary>
public sealed class CanonicalRecordTests
{
    // TryParse reads a payload alone with this limit; the same limit makes the two comparable at every depth.
    private const int MaxDepth = 64;

    public static TheoryDataNames EventNames => ContractVectors.Names("events.json");

    private static string RecordJson(object? record) =>
        record is null ? "null" : JsonSerializer.Serialize(record, record.GetType(), KrytenJsonContext.Default);

    // A vector's envelope split around its payload, as the envelope reader finds it.
    private sealed record Vector(string EventName, byte[] Prefix, byte[] Payload, byte[] Suffix)
    {
        public static Vector Of(JsonElement vector)
        {
            var bytes = Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!);
            new EnvelopeReader(1024 * 1024, MaxDepth, TimeProvider.System, canonicalFirst: false).TryRead(bytes, null, out var envelope, out var reason)
                .ShouldBeTrue(reason);
            var end = envelope.PayloadStart + envelope.PayloadLength;
            return new Vector(envelope.EventName, bytes[..envelope.PayloadStart], bytes[envelope.PayloadStart..end], bytes[end..]);
        }

        public byte[] With(byte[] payload) => [.. Prefix, .. payload, .. Suffix];
    }

    private static Vector ByName(string name) => Vector.Of(ContractVectors.ByName("events.json", name));

    private enum Verdict { Declined, Same, Different, Threw }

    // What the fast path makes of the payload at Prefix.Length, checked against TryParse of the bytes it consumed.
    private static Verdict Check(string eventName, byte[] message, int start, out string detail, int maxDepth = MaxDepth)
    {
        var at = start;
        bool accepted;
        object? fast;
        try
        {
            accepted = KrytenEventRegistry.TryReadCanonical(eventName, message, ref at, maxDepth, out fast);
        }
        catch (Exception e)
        {
            detail = e.ToString();
            return Verdict.Threw;
        }
        if (!accepted)
        {
            detail = at == start ? "declined" : $"declined but moved at to {at}";
            return at == start && fast is null ? Verdict.Declined : Verdict.Different;
        }
        try
        {
            KrytenEventRegistry.TryParse(eventName, message.AsSpan(start, at - start), out var parsed).ShouldBeTrue();
            var (expected, actual) = (RecordJson(parsed), RecordJson(fast));
            detail = $"fast {actual}\n  parse {expected}";
            return expected == actual && fast!.GetType() == parsed!.GetType() ? Verdict.Same : Verdict.Different;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            detail = $"fast path accepted {RecordJson(fast)} but TryParse threw {e.Message}";
            return Verdict.Different;
        }
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Every_vector_the_fast_path_accepts_reads_as_TryParse_and_ends_at_the_payload_end(string name)
    {
        var vector = ByName(name);
        var message = vector.With(vector.Payload);
        var at = vector.Prefix.Length;

        var accepted = KrytenEventRegistry.TryReadCanonical(vector.EventName, message, ref at, MaxDepth, out var fast);

        if (accepted)
        {
            at.ShouldBe(vector.Prefix.Length + vector.Payload.Length, name);
            KrytenEventRegistry.TryParse(vector.EventName, vector.Payload, out var parsed).ShouldBeTrue();
            RecordJson(fast).ShouldBe(RecordJson(parsed), name);
        }
        else
        {
            at.ShouldBe(vector.Prefix.Length, name);
            fast.ShouldBeNull();
        }

        // A chat message takes the fast path unless one of its strings has an escape (declined by design).
        if (vector.EventName == "chatMsg") accepted.ShouldBe(!vector.Payload.Contains((byte)'\\'), name);
    }

    [Fact]
    public void The_bridge_s_plain_chat_messages_and_others_take_the_fast_path()
    {
        var vectors = ContractVectors.Vectors("events.json").Select(Vector.Of).ToList();
        var taken = vectors.Where(v =>
        {
            var at = v.Prefix.Length;
            return KrytenEventRegistry.TryReadCanonical(v.EventName, v.With(v.Payload), ref at, MaxDepth, out _);
        }).ToList();

        TestContext.Current.SendDiagnosticMessage($"{taken.Count} of {vectors.Count} event vectors take the canonical record path: "
            + string.Join(", ", taken.Select(v => v.EventName).Distinct()));
        taken.Count(v => v.EventName == "chatMsg").ShouldBeGreaterThanOrEqualTo(6);
        taken.Select(v => v.EventName).Distinct().Count().ShouldBeGreaterThan(10);
    }

    private const string Chat = """{"username": "bob", "msg": "hi", "meta": {}, "time": 1786731943510}""";

    // One edit to a canonical chatMsg payload; fastPath says whether the fast path must read (true) or decline (false) it.
    [Theory]
    [InlineData("", "", true)]
    [InlineData("\"time\": 1786731943510}", "\"time\": 1786731943510, \"extra\": 1}", false)]
    [InlineData("{\"username\": \"bob\", ", "{\"extra\": 1, \"username\": \"bob\", ", false)]
    [InlineData("\"meta\": {}, ", "", false)]
    [InlineData(", \"time\": 1786731943510", "", false)]
    [InlineData("\"username\": \"bob\", \"msg\": \"hi\"", "\"msg\": \"hi\", \"username\": \"bob\"", false)]
    [InlineData("\"msg\": \"hi\"", "\"msg\": \"hi\", \"msg\": \"hi\"", false)]
    [InlineData("1786731943510", "1.5", false)]
    [InlineData("1786731943510", "1786731943510.0", false)]
    [InlineData("1786731943510", "1786731943510e0", false)]
    [InlineData("1786731943510", "1E3", false)]
    [InlineData("1786731943510", "-0", true)]
    [InlineData("1786731943510", "0", true)]
    [InlineData("1786731943510", "-1786731943510", true)]
    [InlineData("1786731943510", "01", false)]
    [InlineData("1786731943510", "-01", false)]
    [InlineData("1786731943510", "-", false)]
    [InlineData("1786731943510", "+1", false)]
    [InlineData("1786731943510", "253402300799999", true)]
    [InlineData("1786731943510", "253402300800000", false)]
    [InlineData("1786731943510", "-62135596800000", true)]
    [InlineData("1786731943510", "-62135596800001", false)]
    [InlineData("1786731943510", "9223372036854775807", false)]
    [InlineData("1786731943510", "9223372036854775808", false)]
    [InlineData("1786731943510", "99999999999999999999999", false)]
    [InlineData("1786731943510", "12345678901234567890", false)]
    [InlineData("1786731943510", "00", false)]
    [InlineData("1786731943510", "\"1786731943510\"", false)]
    [InlineData("1786731943510", "null", false)]
    [InlineData("\"hi\"", "\"h\\u00e9\"", false)]
    [InlineData("\"hi\"", "\"h\\\"i\"", false)]
    [InlineData("\"hi\"", "\"h\\\\\"", false)]
    [InlineData("\"hi\"", "\"h\ti\"", false)]
    [InlineData("\"hi\"", "\"h\u0001i\"", false)]
    [InlineData("\"hi\"", "\"caf\u00e9 \u2615 \U0001F600\"", true)]
    [InlineData("\"hi\"", "\"\"", true)]
    [InlineData("\"hi\"", "\"caf\u00e9\u0001\"", false)]
    [InlineData("\"hi\"", "\"caf\u00e9\\n\"", false)]
    [InlineData("\"hi\"", "\"caf\u00e9\"", true)]
    [InlineData("\"hi\"", "\"h\u007Fi\"", true)]
    [InlineData("\"hi\"", "\"hi", false)]
    [InlineData("\"hi\"", "null", false)]
    [InlineData("\"hi\"", "5", false)]
    [InlineData("\"meta\": {}", "\"meta\": {\"addClass\": \"action\"}", true)]
    [InlineData("\"meta\": {}", "\"meta\": {\"addClass\": \"action\", \"action\": true, \"modflair\": 2.5}", true)]
    [InlineData("\"meta\": {}", "\"meta\": {\"superadminflair\": {\"labelclass\": \"a\", \"icon\": \"b\"}, \"x\": [1, {\"y\": null}]}", true)]
    [InlineData("\"meta\": {}", "\"meta\": {\"addClass\": \"a\", \"addClass\": \"b\"}", false)]
    [InlineData("\"meta\": {}", "\"meta\": {\"addClass\": 5}", false)]
    [InlineData("\"meta\": {}", "\"meta\": {\"a\":1,\"b\" :[ 2 ]}", true)]
    [InlineData("\"meta\": {}", "\"meta\": {", false)]
    [InlineData("\"meta\": {}", "\"meta\": {}}", false)]
    [InlineData("\"meta\": {}", "\"meta\": null", false)]
    [InlineData("\"meta\": {}", "\"meta\": []", false)]
    [InlineData("\"meta\": {}", "\"meta\": /**/ {}", false)]
    [InlineData("\"meta\": {}", "\"meta\":  {}", false)]
    [InlineData("\"meta\": {}", "\"meta\": \t{}", false)]
    [InlineData("\"meta\": {}", "\"meta\":{}", false)]
    [InlineData("\"meta\": {}", "\"meta\" : {}", false)]
    [InlineData("\"meta\": {}, ", "\"meta\": {} , ", false)]
    [InlineData("\"meta\": {}, ", "\"meta\": {},", false)]
    [InlineData("{\"username\"", "{ \"username\"", false)]
    [InlineData("{\"username\"", " {\"username\"", false)]
    [InlineData("1786731943510}", "1786731943510 }", false)]
    [InlineData("1786731943510}", "1786731943510", false)]
    [InlineData("\"username\"", "\"Username\"", false)]
    [InlineData("\"username\"", "\"user\\u006eame\"", false)]
    [InlineData("\"msg\": \"hi\", ", "\"msg\": \"hi\",\n", false)]
    public void Edited_chat_payloads_are_read_as_TryParse_reads_them_or_declined(string from, string to, bool fastPath)
    {
        Chat.ShouldContain(from);
        var payload = Encoding.UTF8.GetBytes(from.Length == 0 ? Chat : Chat.Replace(from, to, StringComparison.Ordinal));
        var vector = ByName("chatMsg/basic");
        var message = vector.With(payload);

        var verdict = Check("chatMsg", message, vector.Prefix.Length, out var detail);

        verdict.ShouldBe(fastPath ? Verdict.Same : Verdict.Declined, detail);
        if (fastPath)
        {
            // Whatever it accepts, it accepts whole: nothing of the payload is left behind.
            var at = vector.Prefix.Length;
            KrytenEventRegistry.TryReadCanonical("chatMsg", message, ref at, MaxDepth, out _).ShouldBeTrue();
            at.ShouldBe(vector.Prefix.Length + payload.Length);
        }
    }

    [Fact]
    public void Non_ASCII_text_is_the_text_the_reader_decodes()
    {
        var payload = Encoding.UTF8.GetBytes(Chat.Replace("\"hi\"", "\"na\u00efve \u65e5\u672c \U0001F44D\"", StringComparison.Ordinal));
        var at = 0;

        KrytenEventRegistry.TryReadCanonical("chatMsg", payload, ref at, MaxDepth, out var evt).ShouldBeTrue();

        ((ChatMessage)evt!).Msg.ShouldBe("na\u00efve \u65e5\u672c \U0001F44D");
        ((ChatMessage)evt).Meta.Extra.ShouldBeNull();
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_is_declined_as_the_reader_rejects_it()
    {
        byte[] payload = [.. "{\"username\": \"b"u8, 0xC3, 0x28, .. "\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1}"u8];

        Check("chatMsg", payload, 0, out var detail).ShouldBe(Verdict.Declined, detail);
        Should.Throw<JsonException>(() => KrytenEventRegistry.TryParse("chatMsg", payload, out _));
    }

    // The limit counts the payload as one level, as a reader of the payload alone does: meta and what it holds must fit in
    // the rest, or the general path (which would reject the envelope) must be left to say so.
    [Theory]
    [InlineData(2, "{}", true)]
    [InlineData(2, "{\"x\": []}", false)]
    [InlineData(3, "{\"x\": []}", true)]
    [InlineData(3, "{\"x\": [[]]}", false)]
    [InlineData(8, "{\"x\": [[[[[[]]]]]]}", true)]
    [InlineData(8, "{\"x\": [[[[[[[]]]]]]]}", false)]
    [InlineData(1, "{}", false)]
    [InlineData(0, "{}", false)]
    public void The_depth_limit_is_the_reader_s(int maxDepth, string meta, bool fastPath)
    {
        var payload = Encoding.UTF8.GetBytes(Chat.Replace("{}", meta, StringComparison.Ordinal));
        var at = 0;

        KrytenEventRegistry.TryReadCanonical("chatMsg", payload, ref at, maxDepth, out _).ShouldBe(fastPath);

        // A reader with the same limit agrees wherever the fast path reads (below 2 the fast path declines all).
        if (maxDepth < 2) return;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = maxDepth });
        var readerAccepts = true;
        try
        {
            reader.Read();
            KrytenEventRegistry.TryRead("chatMsg", ref reader, out _);
        }
        catch (JsonException)
        {
            readerAccepts = false;
        }
        readerAccepts.ShouldBe(fastPath);
    }

    [Fact]
    public void Events_without_an_object_payload_or_a_record_are_declined()
    {
        foreach (var (eventName, payload) in new[] { ("drinkCount", "3"), ("usercount", "12"), ("someFutureEvent", "{}"), ("chatMsg", "[]"), ("chatMsg", "") })
        {
            var bytes = Encoding.UTF8.GetBytes(payload);
            var at = 0;
            KrytenEventRegistry.TryReadCanonical(eventName, bytes, ref at, MaxDepth, out var evt).ShouldBeFalse(eventName);
            at.ShouldBe(0);
            evt.ShouldBeNull();
        }
    }

    // Bytes the matcher or a JSON tokenizer treats specially, plus invalid and non-ASCII UTF-8 fragments.
    private static readonly byte[] Interesting =
        "\"\\ {}[],:0123456789.+-eEtruefalsn\t\n\r"u8.ToArray().Concat(new byte[] { 0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF }).ToArray();

    [Fact]
    public void Mutated_payloads_are_read_as_TryParse_reads_them_or_declined()
    {
        var vectors = ContractVectors.Vectors("events.json").Select(Vector.Of).ToList();
        var random = new Random(20260815);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int cases = 0, accepted = 0, declined = 0, wrong = 0;
        var firstFew = new StringBuilder();

        // A few seconds of cases, but always the same ones first: the seed fixes the sequence, the clock only its length.
        while (cases < 20_000 || (clock.Elapsed < TimeSpan.FromSeconds(3) && cases < 200_000))
        {
            var vector = vectors[random.Next(vectors.Count)];
            var payload = Mutate(vector.Payload, random);
            var verdict = Check(vector.EventName, vector.With(payload), vector.Prefix.Length, out var detail);
            cases++;
            if (verdict == Verdict.Same) accepted++;
            else if (verdict == Verdict.Declined) declined++;
            else if (wrong++ < 10)
                firstFew.Append(CultureInfo.InvariantCulture, $"\n{verdict} for {vector.EventName} payload base64 {Convert.ToBase64String(payload)}\n  {detail}");
        }

        wrong.ShouldBe(0, $"{wrong} of {cases} mutated payloads read differently; the first ones:{firstFew}");
        // Only worth something if mutants land on both sides of the line.
        var regions = $"accepted {accepted}, declined {declined} of {cases}";
        TestContext.Current.SendDiagnosticMessage(regions);
        accepted.ShouldBeGreaterThan(cases / 40, regions);
        declined.ShouldBeGreaterThan(cases / 4, regions);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var value = random.Next(10) switch
            {
                < 6 => Interesting[random.Next(Interesting.Length)],
                < 9 => (byte)random.Next(0x20, 0x7F),
                _ => (byte)random.Next(256),
            };
            // Half the edits beside a byte of the canonical separators or a value's edge, where matching and tokenizing meet.
            var anchors = random.Next(2) == 0
                ? []
                : Enumerable.Range(0, bytes.Count).Where(k => "\"{}[],: "u8.Contains(bytes[k])).ToArray();
            ByteEdits.Apply(bytes, random, value, anchors);
        }
        return bytes.ToArray();
    }
}
