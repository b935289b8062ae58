using System.Text.Json;

namespace Kryten.Sdk.Events;

/// <summary>
/// One CyTube event as the runtime routes it: its name, its subject token and how to read its payload into the
/// generated record. <see cref="Of{T}"/> gives the one instance per record type; generated handler sets and
/// <see cref="KrytenClient.On{T}(Func{T, EventContext, CancellationToken, Task}, string?, string?, bool, bool)"/> carry
/// it, so records generated from a bot's own schema need no registration.
/// </summary>
/// <example>
/// <code>
/// var info = KrytenEventInfo.Of&lt;ChatMessage&gt;();   // info.CytubeName == "chatMsg", info.SubjectToken == "chatmsg"
/// var msg = (ChatMessage)info.ReadPayload("""{"username": "a", "msg": "hi", "meta": {}, "time": 1}"""u8);
/// </code>
/// </example>
public sealed class KrytenEventInfo
{
    private readonly RecordReader _read;

    private KrytenEventInfo(string cytubeName, KrytenEventSource source, Type recordType, RecordReader read)
    {
        CytubeName = cytubeName;
        Source = source;
        SubjectToken = KrytenSubjects.Normalize(cytubeName);
        RecordType = recordType;
        _read = read;
    }

    /// <summary>The Socket.IO event name in CyTube's case (the envelope's <c>event_name</c>).</summary>
    public string CytubeName { get; }

    /// <summary>Where the event arrives from: the bridge's envelope (CyTube events) or a lifecycle subject.</summary>
    public KrytenEventSource Source { get; }

    /// <summary>The event's NATS subject token, as the bridge normalizes it (e.g. <c>chatmsg</c>).</summary>
    public string SubjectToken { get; }

    /// <summary>The generated record type.</summary>
    public Type RecordType { get; }

    /// <summary>The event of record <typeparamref name="T"/>; the same instance on every call.</summary>
    /// <typeparam name="T">A generated event record.</typeparam>
    /// <returns>The event's info.</returns>
    public static KrytenEventInfo Of<T>() where T : class, IKrytenEvent<T> => Cache<T>.Info;

    /// <summary>Reads a whole payload (one JSON value) into the record.</summary>
    /// <param name="payload">The payload's UTF-8 JSON.</param>
    /// <param name="maxDepth">Deepest nesting allowed, the payload itself counting as one level.</param>
    /// <returns>The record.</returns>
    /// <exception cref="JsonException">The payload is not JSON or does not have the record's shape.</exception>
    public object ReadPayload(ReadOnlySpan<byte> payload, int maxDepth = 64)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = maxDepth });
        Serialization.KrytenJsonReader.Advance(ref reader);
        var record = Read(ref reader);
        Serialization.KrytenJsonReader.EnsureEnd(ref reader);
        return record;
    }

    /// <summary>
    /// Reads the record from the JSON value the reader is on, leaving the reader on the value's last token: the one
    /// reader of the record, which dispatch calls with the envelope's own reader on the payload.
    /// </summary>
    internal object Read(ref Utf8JsonReader reader) => _read(ref reader);

    /// <inheritdoc/>
    public override string ToString() => $"{CytubeName} → {RecordType.Name}";

    private delegate object RecordReader(ref Utf8JsonReader reader);

    private static class Cache<T> where T : class, IKrytenEvent<T>
    {
        public static readonly KrytenEventInfo Info = new(T.CytubeEventName, T.EventSource, typeof(T), static (ref reader) => T.ReadJson(ref reader));
    }
}
