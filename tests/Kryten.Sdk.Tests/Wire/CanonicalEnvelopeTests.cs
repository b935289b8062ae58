using System.Globalization;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;
using Kryten.Sdk.Tests.Commands;
using Kryten.Sdk.Tests.Support;
using Kryten.Sdk.Wire;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// The canonical fast path promises to accept a subset of what the general path accepts, with identical results. Every
/// check here reads the same bytes through a canonical-first reader and a general-only reader and compares everything
/// the envelope carries. The bridge's own bytes must also really take the fast path (all but those with escaped names,
/// which it declines by design), or the promise would hold vacuously.
/// </summary>
public sealed class CanonicalEnvelopeTests
{
    private const int MaxBytes = 1024 * 1024;
    private const int MaxDepth = 64;

    // Envelopes without a timestamp are stamped from the clock; a stopped clock keeps both readers' stamps comparable.
    private static readonly TimeProvider Clock = new FixedTime(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public static TheoryDataNames EventNames => ContractVectors.Names("events.json");

    public static TheoryDataNames BadInputNames => BadInputs.Names;

    private static EnvelopeReader CanonicalFirst(int maxDepth = MaxDepth) => new(MaxBytes, maxDepth, Clock, canonicalFirst: true);

    private static EnvelopeReader GeneralOnly(int maxDepth = MaxDepth) => new(MaxBytes, maxDepth, Clock, canonicalFirst: false);

    // What EnvelopeReader hands the canonical path: the payload alone sits one level below the envelope.
    private static CanonicalEnvelopeReader.Result Direct(byte[] bytes, IPayloadRecordReader? records, out KrytenEnvelope envelope, int maxDepth = MaxDepth) =>
        CanonicalEnvelopeReader.TryRead(bytes, new JsonReaderOptions { MaxDepth = maxDepth - 1, CommentHandling = JsonCommentHandling.Disallow },
            new Utf8StringCache(), records, out envelope);

    private static byte[] EventBytes(string name) =>
        Convert.FromBase64String(ContractVectors.ByName("events.json", name).GetProperty("bytes_base64").GetString()!);

    private static byte[] Envelope(string payload, string timestamp = "2026-08-14T18:25:43.767119+00:00") =>
        Encoding.UTF8.GetBytes($$"""{"event_name": "usercount", "payload": {{payload}}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "{{timestamp}}", "correlation_id": "id-1"}""");

    private sealed record Outcome(bool Ok, string? Reason, KrytenEnvelope Envelope)
    {
        public static Outcome Of(EnvelopeReader reader, byte[] bytes, IPayloadRecordReader? records = null)
        {
            var ok = reader.TryRead(bytes, records, out var envelope, out var reason);
            return new Outcome(ok, reason, envelope);
        }

        // Everything a caller can observe, as one string so a mismatch shows as a readable diff. The correlation id is
        // masked only where the general path invented it (a fresh Guid per read, so never comparable).
        public string Describe(bool generatedId = false)
        {
            if (!Ok) return "rejected: " + Reason;
            var e = Envelope;
            var id = generatedId ? "<generated>" : Quote(e.CorrelationId);
            var record = e.HasRecord ? RecordJson(e.Record) : "none";
            return $"accepted (reason {Quote(Reason)}) event_name={Quote(e.EventName)} channel={Quote(e.Channel)} domain={Quote(e.Domain)} "
                + $"timestamp={e.Timestamp.UtcTicks} ticks offset {e.Timestamp.Offset} correlation_id={id} payload={e.PayloadStart}+{e.PayloadLength} "
                + $"kind={e.PayloadKind} record={record}";
        }
    }

    private static string Quote(string? s) => s is null ? "null" : "\"" + JsonEncodedText.Encode(s) + "\"";

    private static string RecordJson(object? record) =>
        record is null ? "null" : JsonSerializer.Serialize(record, record.GetType(), KrytenJsonContext.Default);

    /// <summary>Reads the generated SDK records, as dispatch does when typed handlers alone want an event.</summary>
    private sealed class GeneratedRecords : IPayloadRecordReader
    {
        private readonly EventParsers _parsers = new(GeneratedEventRegistry.Records);

        public int Calls { get; private set; }

        /// <summary>Records read by matching the payload's bytes, without <see cref="TryReadRecord"/>.</summary>
        public int CanonicalReads { get; private set; }

        public bool TryReadRecord(string eventName, ref Utf8JsonReader reader, out object? record)
        {
            Calls++;
            return _parsers.TryRead(eventName, ref reader, out record);
        }

        public bool TryReadCanonicalRecord(string eventName, ReadOnlySpan<byte> message, ref int at, int maxDepth, out object? record)
        {
            var read = _parsers.TryReadCanonical(eventName, message, ref at, maxDepth, out record);
            if (read) CanonicalReads++;
            return read;
        }
    }

    /// <summary>Fails mid-read, after moving the reader, the way a record reader meeting the wrong shape does.</summary>
    private sealed class ThrowingRecords(int tokensBeforeThrow) : IPayloadRecordReader
    {
        public int Calls { get; private set; }

        public bool TryReadRecord(string eventName, ref Utf8JsonReader reader, out object? record)
        {
            Calls++;
            for (var i = 0; i < tokensBeforeThrow; i++) reader.Read();
            throw new InvalidOperationException("record reader failed");
        }

        // Throwing here must count as declining: the reader path is then asked, and fails as above.
        public bool TryReadCanonicalRecord(string eventName, ReadOnlySpan<byte> message, ref int at, int maxDepth, out object? record)
        {
            at += tokensBeforeThrow;
            throw new InvalidOperationException("canonical record reader failed");
        }
    }

    /// <summary>Wants no record (a raw handler listens): the reader must skip the payload itself.</summary>
    private sealed class DecliningRecords : IPayloadRecordReader
    {
        public int Calls { get; private set; }

        public bool TryReadRecord(string eventName, ref Utf8JsonReader reader, out object? record)
        {
            Calls++;
            record = null;
            return false;
        }

        public bool TryReadCanonicalRecord(string eventName, ReadOnlySpan<byte> message, ref int at, int maxDepth, out object? record)
        {
            record = null;
            return false;
        }
    }

    // json.dumps writes these names verbatim; anything else (non-ASCII, a quote, a backslash) becomes a JSON escape,
    // which the fast path declines by design (its names are byte copies).
    [Theory]
    [MemberData(nameof(EventNames))]
    public void Bridge_envelopes_take_the_fast_path_with_the_general_result(string name)
    {
        var bytes = EventBytes(name);

        var result = Direct(bytes, null, out var direct);
        var canonical = Outcome.Of(CanonicalFirst(), bytes);
        var general = Outcome.Of(GeneralOnly(), bytes);

        general.Ok.ShouldBeTrue(general.Reason);
        canonical.Describe().ShouldBe(general.Describe());
        // Every one, the "café" channel's "caf\u00e9" included: the bridge's own bytes must never need the slow way.
        result.ShouldBe(CanonicalEnvelopeReader.Result.Read, name);
        new Outcome(true, null, direct).Describe().ShouldBe(general.Describe());
    }

    [Theory]
    [MemberData(nameof(BadInputNames))]
    public void Every_bad_input_gets_the_same_verdict_and_reason_from_both_paths(string name)
    {
        var bytes = BadInputs.Body(ContractVectors.ByName("bad-inputs.json", name));

        Outcome.Of(CanonicalFirst(), bytes).Describe().ShouldBe(Outcome.Of(GeneralOnly(), bytes).Describe(), name);
        // With a record reader the payload-shape vectors go through the record-failure fallback instead.
        Outcome.Of(CanonicalFirst(), bytes, new GeneratedRecords()).Describe()
            .ShouldBe(Outcome.Of(GeneralOnly(), bytes, new GeneratedRecords()).Describe(), name);
    }

    // Bytes a JSON tokenizer or the canonical matcher treats specially, plus invalid and non-ASCII UTF-8 fragments.
    private static readonly byte[] Interesting =
        "\"\\ {}[],:0123456789.+-TZ\t\n\r"u8.ToArray().Concat(new byte[] { 0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF }).ToArray();

    private static readonly byte[] Structural = "\"{}[],: "u8.ToArray();

    [Fact]
    public void Mutated_bridge_envelopes_get_identical_results_from_both_paths()
    {
        const int Cases = 20_000;
        var seeds = ContractVectors.Vectors("events.json").Select(v => Convert.FromBase64String(v.GetProperty("bytes_base64").GetString()!)).ToArray();
        var random = new Random(20260814);
        // One reader pair for the whole run, so the name caches fill up and overflow as in a long-lived client.
        var canonicalReader = CanonicalFirst();
        var generalReader = GeneralOnly();
        var records = new GeneratedRecords();
        int fastPath = 0, slowPathAccepted = 0, rejected = 0, withRecord = 0, disagreements = 0;
        var firstFew = new StringBuilder();

        for (var i = 0; i < Cases; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random);
            // Half the cases also read records in the same pass, which has its own fallback on both paths.
            var withRecords = (i & 1) == 1 ? records : null;

            var (actual, expected, direct) = Compare(input, canonicalReader, generalReader, withRecords, out var general);
            if (actual != expected && disagreements++ < 10)
                firstFew.Append(CultureInfo.InvariantCulture, $"\ncase {i}, base64 {Convert.ToBase64String(input)}\n  canonical-first: {actual}\n  general-only:    {expected}");

            if (direct == CanonicalEnvelopeReader.Result.Read) fastPath++;
            else if (general.Ok) slowPathAccepted++;
            else rejected++;
            if (general.Ok && general.Envelope.HasRecord) withRecord++;
        }

        disagreements.ShouldBe(0, $"{disagreements} of {Cases} mutated envelopes read differently; the first ones:{firstFew}");
        // The fuzz is only worth something if it lands in every region: the fast path (which must then match the general
        // result), general-only acceptance and rejection (where the fast path must have declined), records read in place.
        var regions = $"fast path {fastPath}, general only {slowPathAccepted}, rejected {rejected}, with record {withRecord}";
        fastPath.ShouldBeGreaterThan(Cases / 20, regions);
        slowPathAccepted.ShouldBeGreaterThan(Cases / 20, regions);
        rejected.ShouldBeGreaterThan(Cases / 2, regions);
        withRecord.ShouldBeGreaterThan(Cases / 40, regions);
    }

    // Both readers' results as comparable strings, and what the fast path alone made of the input.
    private static (string Actual, string Expected, CanonicalEnvelopeReader.Result Direct) Compare(
        byte[] input, EnvelopeReader canonicalReader, EnvelopeReader generalReader, IPayloadRecordReader? records, out Outcome general)
    {
        general = Outcome.Of(generalReader, input, records);
        var generalAgain = Outcome.Of(generalReader, input, records);
        var generatedId = general.Ok && general.Envelope.CorrelationId != generalAgain.Envelope.CorrelationId;
        var direct = Direct(input, records, out _);
        var canonical = Outcome.Of(canonicalReader, input, records);

        string expected = general.Describe(generatedId), actual = canonical.Describe(generatedId);
        // The fast path never invents an id, so a generated one means the general path must have read the envelope.
        if (generatedId && direct == CanonicalEnvelopeReader.Result.Read) actual += " (fast path read an envelope without correlation_id)";
        return (actual, expected, direct);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            // Mostly bytes that mean something to one of the two readers; fewer arbitrary ones, since a stray high byte is
            // usually invalid UTF-8, which is refused before either path runs.
            var value = random.Next(10) switch
            {
                < 5 => Interesting[random.Next(Interesting.Length)],
                < 8 => (byte)random.Next(0x20, 0x7F),
                _ => (byte)random.Next(256),
            };
            // A third of the edits land anywhere, a third beside a structural byte, and a third where a value meets the
            // canonical literals around it: the seams the fast path matches byte for byte and the general path tokenizes.
            var anchors = random.Next(3) switch
            {
                0 => [],
                1 => Enumerable.Range(0, bytes.Count).Where(k => Structural.Contains(bytes[k])).ToArray(),
                _ => Seams(bytes),
            };
            ByteEdits.Apply(bytes, random, value, anchors);
        }
        return bytes.ToArray();
    }

    // Where each envelope value starts (after ": ") and ends (before ", " and the closing brace).
    private static int[] Seams(List<byte> bytes)
    {
        var seams = new List<int>();
        for (var k = 0; k + 2 < bytes.Count; k++)
        {
            if (bytes[k] == '"' && bytes[k + 1] == ':' && bytes[k + 2] == ' ') seams.Add(k + 3);
            if (bytes[k] == ',' && bytes[k + 1] == ' ' && bytes[k + 2] == '"') seams.Add(k);
        }
        if (bytes.Count > 0) seams.Add(bytes.Count - 1);
        return seams.ToArray();
    }

    public static TheoryData<string, string?, bool> Timestamps => new()
    {
        // timestamp, the instant read (round-trip "O" format) or null when rejected, whether the fast path reads it
        { "2026-08-14T18:25:43+00:00", "2026-08-14T18:25:43.0000000+00:00", true },
        { "2026-08-14T18:25:43.767119+00:00", "2026-08-14T18:25:43.7671190+00:00", true },
        { "2026-08-14T18:25:43.000001+00:00", "2026-08-14T18:25:43.0000010+00:00", true },
        { "2024-02-29T12:00:00+00:00", "2024-02-29T12:00:00.0000000+00:00", true },
        { "2000-02-29T12:00:00+00:00", "2000-02-29T12:00:00.0000000+00:00", true },
        { "2026-02-29T12:00:00+00:00", null, false },
        { "2100-02-29T12:00:00+00:00", null, false },
        { "2026-13-01T00:00:00+00:00", null, false },
        { "2026-00-01T00:00:00+00:00", null, false },
        { "2026-08-32T00:00:00+00:00", null, false },
        { "2026-04-31T00:00:00+00:00", null, false },
        { "2026-08-00T00:00:00+00:00", null, false },
        { "2026-08-14T24:00:00+00:00", null, false },
        { "2026-08-14T18:60:00+00:00", null, false },
        { "2026-08-14T18:25:60+00:00", null, false },
        { "2026-08-14T18:25:43Z", "2026-08-14T18:25:43.0000000+00:00", false },
        { "2026-08-14T18:25:43.767119Z", "2026-08-14T18:25:43.7671190+00:00", false },
        { "2026-08-14T18:25:43+01:00", "2026-08-14T18:25:43.0000000+01:00", false },
        { "2026-08-14T18:25:43-00:00", "2026-08-14T18:25:43.0000000+00:00", false },
        { "2026-08-14T18:25:43.76711+00:00", "2026-08-14T18:25:43.7671100+00:00", false },
        { "2026-08-14T18:25:43.7671195+00:00", "2026-08-14T18:25:43.7671195+00:00", false },
        // System.Text.Json takes a dot without digits as no fraction (Python would not); both paths agree on it.
        { "2026-08-14T18:25:43.+00:00", "2026-08-14T18:25:43.0000000+00:00", false },
        { "0000-01-01T00:00:00+00:00", null, false },
        { "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00.0000000+00:00", true },
        { "9999-12-31T23:59:59.999999+00:00", "9999-12-31T23:59:59.9999990+00:00", true },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Timestamps_read_the_same_on_both_paths(string timestamp, string? expected, bool fastPath)
    {
        var bytes = Envelope("3", timestamp);

        var canonical = Outcome.Of(CanonicalFirst(), bytes);
        var general = Outcome.Of(GeneralOnly(), bytes);

        canonical.Describe().ShouldBe(general.Describe());
        Direct(bytes, null, out _).ShouldBe(fastPath ? CanonicalEnvelopeReader.Result.Read : CanonicalEnvelopeReader.Result.Declined);
        if (expected is null)
        {
            general.Reason.ShouldBe("timestamp must be an ISO-8601 string");
        }
        else
        {
            general.Ok.ShouldBeTrue(general.Reason);
            general.Envelope.Timestamp.ToString("O", CultureInfo.InvariantCulture).ShouldBe(expected);
        }
    }

    // The fast path remembers the last date it read; every timestamp of the table, read in one sequence with each valid one
    // repeated and each followed by an invalid date that shares its first bytes, must read exactly as on its own.
    [Fact]
    public void Timestamps_read_in_sequence_are_not_confused_by_the_date_read_before()
    {
        var sequence = Timestamps.Select(row => (row.Data.Item1, row.Data.Item2))
            .SelectMany(t => new[] { t, t, (t.Item1[..8] + "3" + t.Item1[9..], "other"), t })
            .ToList();
        var reader = CanonicalFirst();
        foreach (var (timestamp, expected) in sequence)
        {
            var read = Outcome.Of(reader, Envelope("3", timestamp));
            var alone = Outcome.Of(GeneralOnly(), Envelope("3", timestamp));
            read.Describe().ShouldBe(alone.Describe(), timestamp);
            if (expected is not null and not "other")
                read.Envelope.Timestamp.ToString("O", CultureInfo.InvariantCulture).ShouldBe(expected, timestamp);
        }
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Records_read_in_the_same_pass_match_the_two_pass_parse(string name)
    {
        var bytes = EventBytes(name);
        var plain = Outcome.Of(GeneralOnly(), bytes);
        plain.Ok.ShouldBeTrue(plain.Reason);
        var known = KrytenEventRegistry.TryParse(plain.Envelope.EventName, plain.Envelope.Payload(bytes), out var parsed);

        foreach (var reader in new[] { CanonicalFirst(), GeneralOnly() })
        {
            var records = new GeneratedRecords();
            var read = Outcome.Of(reader, bytes, records);

            read.Ok.ShouldBeTrue(read.Reason);
            read.Envelope.HasRecord.ShouldBe(known, name);
            if (known) RecordJson(read.Envelope.Record).ShouldBe(RecordJson(parsed), name);
            // Apart from the record, the same-pass read is the plain read.
            (read.Envelope with { HasRecord = false, Record = null }).ShouldBe(plain.Envelope);
            // Once per read: the fast path takes every bridge envelope, so nothing is read twice, and a record read by
            // matching its bytes is not read again by the reader.
            (records.Calls + records.CanonicalReads).ShouldBe(1);
        }
        Direct(bytes, new GeneratedRecords(), out var direct).ShouldBe(CanonicalEnvelopeReader.Result.Read);
        direct.HasRecord.ShouldBe(known);
    }

    [Fact]
    public void Most_bridge_events_have_a_record_to_read_in_the_same_pass()
    {
        // Guards the theory above against passing only because no vector had a record.
        var vectors = ContractVectors.Vectors("events.json");
        var withRecord = vectors.Count(v => KrytenEventRegistry.TryGetByName(v.GetProperty("expect").GetProperty("envelope").GetProperty("event_name").GetString()!, out _));
        withRecord.ShouldBe(vectors.Count(v => v.GetProperty("in_catalog").GetBoolean()));
        withRecord.ShouldBeGreaterThan(vectors.Count / 2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_failing_record_read_falls_back_to_the_plain_read(int tokensBeforeThrow)
    {
        var bytes = EventBytes("login/guest-success");
        var plain = Outcome.Of(GeneralOnly(), bytes);

        foreach (var reader in new[] { CanonicalFirst(), GeneralOnly() })
        {
            var records = new ThrowingRecords(tokensBeforeThrow);
            var read = Outcome.Of(reader, bytes, records);

            read.Describe().ShouldBe(plain.Describe());
            read.Envelope.HasRecord.ShouldBeFalse();
            // The fallback reads without records: the failure is for dispatch's two-pass parse to find and report.
            records.Calls.ShouldBe(1);
        }
        Direct(bytes, new ThrowingRecords(tokensBeforeThrow), out _).ShouldBe(CanonicalEnvelopeReader.Result.RecordFailed);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void A_declined_record_read_still_measures_the_payload(string name)
    {
        var bytes = EventBytes(name);
        var payload = ContractVectors.ByName("events.json", name).GetProperty("json").GetProperty("payload");

        foreach (var reader in new[] { CanonicalFirst(), GeneralOnly() })
        {
            var records = new DecliningRecords();
            var read = Outcome.Of(reader, bytes, records);

            read.Ok.ShouldBeTrue(read.Reason);
            read.Envelope.HasRecord.ShouldBeFalse();
            read.Describe().ShouldBe(Outcome.Of(GeneralOnly(), bytes).Describe());
            using var slice = JsonDocument.Parse(read.Envelope.Payload((ReadOnlyMemory<byte>)bytes));
            JsonSemantics.Equal(slice.RootElement, payload).ShouldBeTrue(name);
            // The slice is the value alone: what follows it is the canonical separator before "channel".
            Encoding.ASCII.GetString(bytes, read.Envelope.PayloadStart + read.Envelope.PayloadLength, 3).ShouldBe(", \"");
            records.Calls.ShouldBe(1);
        }
    }

    private const string Chat =
        """{"event_name": "chatMsg", "payload": {"username": "bob", "msg": "hi", "meta": {}, "time": 1786731943510}, "channel": "420Grindhouse", "domain": "cytu.be", "timestamp": "2026-08-14T18:25:43.767119+00:00", "correlation_id": "id-1"}""";

    // One edit to a canonical chatMsg envelope at a time, at the edges the fuzz reaches only by luck. fastPath says
    // whether the fast path must read (true) or decline (false) it; null leaves that open, only the results must agree.
    [Theory]
    [InlineData("", "", true)]
    [InlineData("\"channel\": \"420Grindhouse\"", "\"channel\": \"\"", true)]
    [InlineData("\"domain\": \"cytu.be\"", "\"domain\": \"\"", true)]
    [InlineData("\"id-1\"", "\"\"", true)]
    [InlineData("\"chatMsg\"", "\"\"", false)]
    [InlineData("\"chatMsg\"", "\"chat Msg~\"", true)]
    [InlineData("\"chatMsg\"", "\"chat\\\"Msg\"", true)]
    [InlineData("\"chatMsg\"", "\"chat\\/Msg\"", true)]
    [InlineData("\"chatMsg\"", "\"chat\x7FMsg\"", true)]
    [InlineData("\"chatMsg\"", "\"chat\\u00e9\"", true)]
    [InlineData("\"chatMsg\"", "\"chat\\ud800\"", false)]
    [InlineData("\"chatMsg\"", "\"chat\\x\"", false)]
    [InlineData("\"id-1\"", "\"id\\u002d1\"", true)]
    [InlineData("\"420Grindhouse\"", "\"caf\u00e9\"", true)]
    [InlineData("\"chatMsg\"", "\"chat\tMsg\"", false)]
    [InlineData("\"chatMsg\"", "\"chat\\\u0001Msg\"", false)]
    [InlineData("\"420Grindhouse\"", "\"caf\u00e9\u001F\"", false)]
    [InlineData("\"420Grindhouse\"", "\"caf\u00e9\\u00e9 \\\\\"", true)]
    [InlineData("\"id-1\"", "\"id\\\"", false)]
    [InlineData("\"chatMsg\"", "\"chatMsg\\", false)]
    [InlineData("{\"event_name\"", "{\"Event_name\"", false)]
    [InlineData("{\"event_name\"", " {\"event_name\"", false)]
    [InlineData("\"id-1\"}", "\"id-1\"}\n", false)]
    [InlineData("\"id-1\"}", "\"id-1\"}}", false)]
    [InlineData("\"id-1\"}", "\"id-1\"", false)]
    [InlineData("\"id-1\"}", "\"id-1\", \"extra\": 1}", false)]
    [InlineData("\"id-1\"}", "\"id-1\", \"correlation_id\": \"id-2\"}", false)]
    [InlineData("\"id-1\"}", "5}", false)]
    [InlineData(", \"correlation_id\": \"id-1\"}", "}", false)]
    [InlineData(", \"timestamp\": \"2026-08-14T18:25:43.767119+00:00\"", "", false)]
    [InlineData("\"2026-08-14T18:25:43.767119+00:00\"", "\"\"", false)]
    [InlineData("\"2026-08-14T18:25:43.767119+00:00\"", "\"2026-08-14T18:25:43.767119+00:00 \"", false)]
    [InlineData("\"payload\": {", "\"payload\":  {", null)]
    [InlineData("\"payload\": {", "\"payload\": \t{", null)]
    [InlineData("\"payload\": {", "\"payload\": \r\n{", null)]
    [InlineData("\"payload\": {", "\"payload\":{", false)]
    [InlineData("1786731943510}, ", "1786731943510} , ", false)]
    [InlineData("1786731943510}, ", "1786731943510},  ", false)]
    [InlineData("1786731943510}, ", "1786731943510},", false)]
    [InlineData("\"msg\": \"hi\"", "\"msg\": \"hi\", \"msg\": \"hi\"", false)]
    [InlineData("\"msg\": \"hi\"", "\"msg\": \"\", \"channel\": \"x\"", true)]
    [InlineData("\"msg\": \"hi\"", "\"msg\": \"\\u00e9\\ud83d\\ude00\"", true)]
    [InlineData("\"msg\": \"hi\"", "\"msg\": \"\\ud800\"", true)]
    [InlineData("\"msg\": \"hi\"", "\"msg\": /* c */ \"hi\"", false)]
    [InlineData("\"meta\": {}", "\"meta\": {\"a\": [1, {\"b\": null}], \"a\": 2}", true)]
    [InlineData("1786731943510}", "01786731943510}", false)]
    [InlineData("1786731943510}", "1786731943510", false)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "-1.5e3", true)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "\"\\\", \\\"channel\\\": \\\"x\"", true)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "[]", true)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "null", true)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "tru", false)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "", false)]
    [InlineData("{\"username\": \"bob\", \"msg\": \"hi\", \"meta\": {}, \"time\": 1786731943510}", "{\"username\": \"bob\"", false)]
    public void Near_canonical_envelopes_read_the_same_on_both_paths(string from, string to, bool? fastPath)
    {
        Chat.ShouldContain(from);
        var bytes = Encoding.UTF8.GetBytes(from.Length == 0 ? Chat : Chat.Replace(from, to, StringComparison.Ordinal));

        var (actual, expected, direct) = Compare(bytes, CanonicalFirst(), GeneralOnly(), null, out _);
        actual.ShouldBe(expected, Convert.ToBase64String(bytes));
        if (fastPath is { } fast) direct.ShouldBe(fast ? CanonicalEnvelopeReader.Result.Read : CanonicalEnvelopeReader.Result.Declined);

        // A chatMsg record reader fails on most of these payloads, which sends the fast path to the two-pass fallback.
        (actual, expected, direct) = Compare(bytes, CanonicalFirst(), GeneralOnly(), new GeneratedRecords(), out _);
        actual.ShouldBe(expected, Convert.ToBase64String(bytes));
        if (fastPath == false) direct.ShouldNotBe(CanonicalEnvelopeReader.Result.Read);
    }

    [Theory]
    [InlineData(1, "[", "]")]
    [InlineData(2, "[", "]")]
    [InlineData(8, "[", "]")]
    [InlineData(8, "{\"a\": ", "}")]
    [InlineData(64, "[", "]")]
    [InlineData(64, "{\"a\": ", "}")]
    public void The_depth_limit_is_the_same_on_both_paths(int maxDepth, string open, string close)
    {
        // The envelope object is one level, so the payload may nest maxDepth - 1 levels; the innermost is empty.
        static string Nested(string open, string close, int levels) =>
            levels == 0 ? "1" : string.Concat(Enumerable.Repeat(open, levels - 1)) + (open == "[" ? "[]" : "{}") + string.Concat(Enumerable.Repeat(close, levels - 1));
        var atLimit = Envelope(Nested(open, close, maxDepth - 1));
        var pastLimit = Envelope(Nested(open, close, maxDepth));

        var canonical = Outcome.Of(CanonicalFirst(maxDepth), atLimit);
        canonical.Ok.ShouldBeTrue(canonical.Reason);
        canonical.Describe().ShouldBe(Outcome.Of(GeneralOnly(maxDepth), atLimit).Describe());

        var past = Outcome.Of(CanonicalFirst(maxDepth), pastLimit);
        past.Ok.ShouldBeFalse();
        past.Reason.ShouldNotBeNull().ShouldContain("depth");
        past.Describe().ShouldBe(Outcome.Of(GeneralOnly(maxDepth), pastLimit).Describe());

        // At a limit of 1 the reader never asks the fast path (a payload limit of 0 would mean the default, 64), so
        // calling it directly would test something the reader does not do.
        if (maxDepth > 1)
        {
            Direct(atLimit, null, out _, maxDepth).ShouldBe(CanonicalEnvelopeReader.Result.Read);
            Direct(pastLimit, null, out _, maxDepth).ShouldBe(CanonicalEnvelopeReader.Result.Declined);
        }
    }
}
