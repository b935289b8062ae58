using System.Buffers.Text;

namespace Kryten.Sdk.Wire;

/// <summary>
/// An envelope's correlation id as read. The bridge's ids are uuid4 text (<c>str(uuid4())</c>: lowercase, hyphenated),
/// kept as a <see cref="Guid"/> so an event whose handlers never look at the id costs no string; any other id is kept as
/// its text. <see cref="ToString"/> gives the text back exactly as it arrived.
/// </summary>
internal readonly struct EventCorrelationId : IEquatable<EventCorrelationId>
{
    private readonly string? _text;
    private readonly Guid _uuid;

    public EventCorrelationId(string text) => _text = text;

    private EventCorrelationId(Guid uuid) => _uuid = uuid;

    /// <summary>A new random id, for an envelope that came without one (as kryten-py fills it in).</summary>
    public static EventCorrelationId NewId() => new(Guid.NewGuid());

    /// <summary>Reads a JSON string token (quotes included); false when it does not decode.</summary>
    public static bool TryRead(ReadOnlySpan<byte> quoted, out EventCorrelationId id)
    {
        var raw = quoted[1..^1];
        // Only the exact lowercase form: Guid.ToString() must give back the very same text.
        if (raw.Length == 36 && raw.IndexOfAnyInRange((byte)'A', (byte)'Z') < 0
            && Utf8Parser.TryParse(raw, out Guid uuid, out var consumed, 'D') && consumed == 36)
        {
            id = new EventCorrelationId(uuid);
            return true;
        }
        var decoded = JsonStringText.TryDecode(quoted, out var text);
        id = new EventCorrelationId(text);
        return decoded;
    }

    public override string ToString() => _text ?? _uuid.ToString();

    public bool Equals(EventCorrelationId other) =>
        _text is null && other._text is null ? _uuid == other._uuid : string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is EventCorrelationId other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
