using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Wire;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// The one envelope reader against an independent reading of the same bytes with <see cref="JsonDocument"/>: what
/// wire-contract §2 says an envelope is (exactly one JSON object; string <c>event_name</c> (not empty), <c>channel</c>,
/// <c>domain</c>; any <c>payload</c>; optional string <c>timestamp</c> and <c>correlation_id</c>; each at most once; other
/// keys ignored). The reader must accept exactly what the reference accepts, with the same values, and never throw.
/// With typed handlers in the table it also reads the payload's records in the same pass: each must be what the record's
/// own reader makes of the payload's bytes on their own (the same record, or the same error).
/// </summary>
public sealed class EnvelopeReaderTests
{
    private const int MaxBytes = 1024 * 1024;

    private static EnvelopeReader Reader(int maxDepth = 64) => new(MaxBytes, maxDepth, TimeProvider.System);

    // A typed handler for every SDK event, and a second record type for chatMsg, so one payload is read as two records.
    private static readonly HandlerTable Typed = new(
        [.. KrytenEventRegistry.All.Select(info => new RecordEntry(info)), new RecordEntry(KrytenEventInfo.Of<TestChat>())]);

    public static TheoryData<bool> Tables => new() { false, true };

    private static byte[] Envelope(string payload, string timestamp = "2026-08-14T18:25:43.767119+00:00") =>
        Encoding.UTF8.GetBytes($$"""{"event_name": "usercount", "payload": {{payload}}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "{{timestamp}}", "correlation_id": "id-1"}""");

    /// <summary>The reference reading: null when the bytes are not an envelope, else what the reader must report.</summary>
    private static string? Reference(byte[] bytes, int maxDepth = 64)
    {
        if (bytes.Length > MaxBytes || bytes.AsSpan().StartsWith("\uFEFF"u8) || !Utf8.IsValid(bytes)) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var known = new Dictionary<string, JsonElement>();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("event_name" or "payload" or "channel" or "domain" or "timestamp" or "correlation_id")) continue;
                if (!known.TryAdd(property.Name, property.Value)) return null;
            }
            if (!known.ContainsKey("payload")) return null;
            string? Text(string key)
            {
                if (!known.TryGetValue(key, out var value)) return null;
                try
                {
                    return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidOperationException();
                }
                catch (InvalidOperationException)
                {
                    throw new FormatException(key);
                }
            }
            try
            {
                var eventName = Text("event_name");
                var channel = Text("channel");
                var domain = Text("domain");
                var correlationId = Text("correlation_id");
                if (eventName is null or "" || channel is null || domain is null) return null;
                string timestamp = "<now>";
                if (known.TryGetValue("timestamp", out var t))
                {
                    if (t.ValueKind != JsonValueKind.String || !t.TryGetDateTimeOffset(out var instant)) return null;
                    timestamp = instant.ToString("O", CultureInfo.InvariantCulture);
                }
                var payload = known["payload"];
                return Describe(eventName, channel, domain, timestamp, correlationId, payload.GetRawText(), payload.ValueKind);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    private static string Describe(string eventName, string channel, string domain, string timestamp, string? correlationId, string payload, JsonValueKind kind) =>
        $"event_name={Quote(eventName)} channel={Quote(channel)} domain={Quote(domain)} timestamp={timestamp} correlation_id={(correlationId is null ? "<new>" : Quote(correlationId))} payload={kind}:{payload}";

    // A name the table knows comes back as the table's own instance, in the case its handler gave (names match
    // case-insensitively), so readings with a table compare names folded.
    private static string? FoldName(string? description) =>
        description is null ? null : Regex.Replace(description, "^event_name=\"[^\"]*\"", m => m.Value.ToLowerInvariant());

    private static string Quote(string s) => "\"" + JsonEncodedText.Encode(s) + "\"";

    /// <summary>What the reader reports, in the reference's terms; its records are checked against the records' own reader.</summary>
    private static string? Read(EnvelopeReader reader, byte[] bytes, bool hasTimestamp, bool hasId, HandlerTable table, int maxDepth, RecordTally? tally)
    {
        if (!reader.TryRead(bytes, table, out var e, out var reason))
        {
            reason.ShouldNotBeNullOrWhiteSpace();
            return null;
        }
        reason.ShouldBeNull();
        e.Records.Length.ShouldBe(e.Route.Records.Length);
        for (var i = 0; i < e.Records.Length; i++)
        {
            RecordText(e.Records.Span[i]).ShouldBe(RecordText(e.Route.Records[i], e.Payload(bytes), maxDepth), e.Route.Records[i].ToString());
            if (tally is null) continue;
            if (e.Records.Span[i].Error is null) tally.Read++;
            else tally.Failed++;
        }
        return Describe(e.EventName, e.Channel, e.Domain, hasTimestamp ? e.Timestamp.ToString("O", CultureInfo.InvariantCulture) : "<now>",
            hasId ? e.CorrelationId.ToString() : null, Encoding.UTF8.GetString(e.Payload(bytes)), e.PayloadKind);
    }

    // An envelope without a timestamp or correlation id gets the time and a new id, which no reference can predict:
    // those two are compared only when the envelope has them.
    private static string? ReadLikeReference(EnvelopeReader reader, byte[] bytes, HandlerTable? table = null, int maxDepth = 64, RecordTally? tally = null)
    {
        var expected = Reference(bytes, maxDepth);
        return Read(reader, bytes, expected?.Contains("timestamp=<now>", StringComparison.Ordinal) == false,
            expected?.Contains("correlation_id=<new>", StringComparison.Ordinal) == false, table ?? HandlerTable.Empty, maxDepth, tally);
    }

    private sealed class RecordTally
    {
        public int Read, Failed;
    }

    /// <summary>The payload read on its own by the record's reader (the payload is one level below the envelope).</summary>
    private static string RecordText(KrytenEventInfo info, ReadOnlySpan<byte> payload, int maxDepth)
    {
        try
        {
            return RecordText(new PayloadRecord(info.ReadPayload(payload, maxDepth - 1), null));
        }
        catch (JsonException e)
        {
            return RecordText(new PayloadRecord(null, e));
        }
    }

    // Records are compared as the JSON their generated writers make of them (the stand-in's as STJ writes it).
    private static string RecordText(PayloadRecord read) => read switch
    {
        { Error: { } error } => "error: " + error.Message,
        { Record: TestChat chat } => JsonSerializer.Serialize(chat, TestChat.JsonTypeInfo),
        { Record: { } record } => JsonSerializer.Serialize(record, record.GetType(), KrytenJsonContext.Default),
        _ => throw new InvalidOperationException("neither a record nor an error"),
    };

    private sealed class RecordEntry(KrytenEventInfo info) : HandlerEntry("record " + info.CytubeName, info, null, null, null, false, false)
    {
        public override ValueTask InvokeAsync(object evt, EventContext context, CancellationToken cancellationToken) => default;
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Every_bridge_envelope_reads_as_the_reference_reads_it(string name)
    {
        var bytes = Convert.FromBase64String(ContractVectors.ByName("events.json", name).GetProperty("bytes_base64").GetString()!);
        var expected = Reference(bytes);
        expected.ShouldNotBeNull();
        ReadLikeReference(Reader(), bytes).ShouldBe(expected);
        FoldName(ReadLikeReference(Reader(), bytes, Typed)).ShouldBe(FoldName(expected));
    }

    public static TheoryDataNames EventNames => ContractVectors.Names("events.json");

    [Theory]
    [MemberData(nameof(BadInputNames))]
    public void Every_bad_input_gets_the_reference_verdict(string name)
    {
        var bytes = BadInputs.Body(ContractVectors.ByName("bad-inputs.json", name));
        ReadLikeReference(Reader(), bytes).ShouldBe(Reference(bytes));
        FoldName(ReadLikeReference(Reader(), bytes, Typed)).ShouldBe(FoldName(Reference(bytes)));
    }

    public static TheoryDataNames BadInputNames => BadInputs.Names;

    [Theory]
    [MemberData(nameof(Tables))]
    public void Mutated_bridge_envelopes_read_as_the_reference_reads_them(bool withTypedHandlers)
    {
        var table = withTypedHandlers ? Typed : HandlerTable.Empty;
        const int Cases = 20_000;
        var seeds = ContractVectors.Vectors("events.json").Select(v => Convert.FromBase64String(v.GetProperty("bytes_base64").GetString()!)).ToArray();
        var random = new Random(20261207);
        // One reader for the whole run, as a subscription has: its remembered channel and domain must never leak.
        var reader = Reader();
        int accepted = 0, rejected = 0, disagreements = 0;
        var records = new RecordTally();
        var firstFew = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random);
            var expected = withTypedHandlers ? FoldName(Reference(input)) : Reference(input);
            string? actual;
            try
            {
                actual = ReadLikeReference(reader, input, table, tally: records);
                if (withTypedHandlers) actual = FoldName(actual);
            }
            catch (ShouldAssertException e)
            {
                actual = "records differ: " + e.Message;
            }
            if (actual != expected && disagreements++ < 10)
                firstFew.Append(CultureInfo.InvariantCulture, $"\ncase {i}, base64 {Convert.ToBase64String(input)}\n  reader:    {actual ?? "rejected"}\n  reference: {expected ?? "rejected"}");
            if (expected is null) rejected++;
            else accepted++;
        }
        disagreements.ShouldBe(0, $"{disagreements} of {Cases} mutated envelopes read differently; the first ones:{firstFew}");
        // The fuzz is worth something only if it lands on both sides of the line.
        accepted.ShouldBeGreaterThan(Cases / 20, $"accepted {accepted}, rejected {rejected}");
        rejected.ShouldBeGreaterThan(Cases / 3, $"accepted {accepted}, rejected {rejected}");
        TestContext.Current.TestOutputHelper?.WriteLine($"accepted {accepted}, rejected {rejected}; records read {records.Read}, failed {records.Failed}");
        if (withTypedHandlers)
        {
            records.Read.ShouldBeGreaterThan(Cases / 20, $"records read {records.Read}, failed {records.Failed}");
            records.Failed.ShouldBeGreaterThan(Cases / 100, $"records read {records.Read}, failed {records.Failed}");
        }
    }

    // Mostly bytes that mean something to JSON or to the envelope, placed beside structure or at value seams.
    private static readonly byte[] Interesting = "{}[]\":, \\\n\t0123456789-+.eEtrufalsn\u00e9x"u8.ToArray();

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
            var anchors = random.Next(2) == 0
                ? []
                : Enumerable.Range(0, bytes.Count).Where(k => bytes[k] is (byte)'{' or (byte)'}' or (byte)'[' or (byte)']' or (byte)'"' or (byte)':' or (byte)',').ToArray();
            ByteEdits.Apply(bytes, random, value, anchors);
        }
        return bytes.ToArray();
    }

    public static TheoryData<string, string?> Timestamps => new()
    {
        // timestamp as sent, the instant read (round-trip "O" format) or null when the envelope is rejected
        { "2026-08-14T18:25:43+00:00", "2026-08-14T18:25:43.0000000+00:00" },
        { "2026-08-14T18:25:43.767119+00:00", "2026-08-14T18:25:43.7671190+00:00" },
        { "2026-08-14T18:25:43.000001+00:00", "2026-08-14T18:25:43.0000010+00:00" },
        { "2024-02-29T12:00:00+00:00", "2024-02-29T12:00:00.0000000+00:00" },
        { "2026-02-29T12:00:00+00:00", null },
        { "2026-13-01T00:00:00+00:00", null },
        { "2026-08-14T24:00:00+00:00", null },
        { "2026-08-14T18:25:60+00:00", null },
        { "2026-08-14T18:25:43Z", "2026-08-14T18:25:43.0000000+00:00" },
        { "2026-08-14T18:25:43+01:00", "2026-08-14T18:25:43.0000000+01:00" },
        { "2026-08-14T18:25:43.7671195+00:00", "2026-08-14T18:25:43.7671195+00:00" },
        { "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00.0000000+00:00" },
        { "9999-12-31T23:59:59.999999+00:00", "9999-12-31T23:59:59.9999990+00:00" },
        { "yesterday", null },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Timestamps_are_read_as_ISO_8601_or_the_envelope_is_rejected(string timestamp, string? expected)
    {
        var ok = Reader().TryRead(Envelope("3", timestamp), HandlerTable.Empty, out var envelope, out var reason);
        if (expected is null)
        {
            ok.ShouldBeFalse();
            reason.ShouldBe("timestamp must be an ISO-8601 string");
        }
        else
        {
            ok.ShouldBeTrue(reason);
            envelope.Timestamp.ToString("O", CultureInfo.InvariantCulture).ShouldBe(expected);
        }
    }

    [Theory]
    [InlineData(8, "[", "]")]
    [InlineData(8, "{\"a\": ", "}")]
    [InlineData(64, "[", "]")]
    [InlineData(64, "{\"a\": ", "}")]
    public void The_envelope_counts_as_one_level_of_the_depth_limit(int maxDepth, string open, string close)
    {
        static string Nested(string open, string close, int levels) =>
            string.Concat(Enumerable.Repeat(open, levels - 1)) + (open == "[" ? "[]" : "{}") + string.Concat(Enumerable.Repeat(close, levels - 1));

        foreach (var table in new[] { HandlerTable.Empty, Typed })
        {
            Reader(maxDepth).TryRead(Envelope(Nested(open, close, maxDepth - 1)), table, out _, out var reason).ShouldBeTrue(reason);
            Reader(maxDepth).TryRead(Envelope(Nested(open, close, maxDepth)), table, out _, out reason).ShouldBeFalse();
            reason.ShouldNotBeNull().ShouldContain("depth");
        }
    }

    [Fact]
    public void A_channel_that_changes_is_read_anew_and_an_equal_one_is_the_same_string()
    {
        var reader = Reader();
        byte[] On(string channel) => Encoding.UTF8.GetBytes($$"""{"event_name": "x", "payload": 1, "channel": "{{channel}}", "domain": "cytu.be"}""");

        reader.TryRead(On("Lounge"), HandlerTable.Empty, out var first, out _).ShouldBeTrue();
        reader.TryRead(On("Lounge"), HandlerTable.Empty, out var second, out _).ShouldBeTrue();
        reader.TryRead(On("Lounge Test"), HandlerTable.Empty, out var third, out _).ShouldBeTrue();
        reader.TryRead(On("Lo\\u0075nge"), HandlerTable.Empty, out var escaped, out _).ShouldBeTrue();

        ReferenceEquals(first.Channel, second.Channel).ShouldBeTrue();
        third.Channel.ShouldBe("Lounge Test");
        escaped.Channel.ShouldBe("Lounge");
    }
}
