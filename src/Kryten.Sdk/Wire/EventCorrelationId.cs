using System.Runtime.CompilerServices;
using System.Text;

namespace Kryten.Sdk.Wire;

/// <summary>
/// An envelope's correlation id as read. Short ASCII ids (the bridge's uuid4 text is 36 characters) are kept as their
/// bytes inside the value, so an event whose handlers never look at the id costs no string and no parsing; any other
/// id is kept as its text. <see cref="ToString"/> gives the text back exactly as it arrived.
/// </summary>
internal readonly struct EventCorrelationId : IEquatable<EventCorrelationId>
{
    private const int InlineCapacity = 36;

    private readonly string? _text;
    private readonly InlineBytes _bytes;
    private readonly byte _length;   // how many of _bytes are the id; _text is null whenever this is not 0

    public EventCorrelationId(string text) => _text = text;

    private EventCorrelationId(ReadOnlySpan<byte> ascii)
    {
        ascii.CopyTo(_bytes);
        _length = (byte)ascii.Length;
    }

    /// <summary>A new random id, for an envelope that came without one (as kryten-py fills it in).</summary>
    public static EventCorrelationId NewId()
    {
        Span<byte> text = stackalloc byte[InlineCapacity];
        Guid.NewGuid().TryFormat(text, out var written);
        return new EventCorrelationId(text[..written]);
    }

    /// <summary>Reads a JSON string token (quotes included); false when it does not decode.</summary>
    /// <param name="quoted">The token.</param>
    /// <param name="plainAscii">The scan that found it saw neither escapes nor non-ASCII bytes: its bytes are its text.</param>
    /// <param name="id">The id.</param>
    public static bool TryRead(ReadOnlySpan<byte> quoted, bool plainAscii, out EventCorrelationId id)
    {
        var raw = quoted[1..^1];
        if (plainAscii && raw.Length is > 0 and <= InlineCapacity)
        {
            id = new EventCorrelationId(raw);
            return true;
        }
        var decoded = JsonStringText.TryDecode(quoted, out var text);
        id = new EventCorrelationId(text);
        return decoded;
    }

    public override string ToString() =>
        _text ?? (_length == 0 ? "" : Encoding.ASCII.GetString(((ReadOnlySpan<byte>)_bytes)[.._length]));

    public bool Equals(EventCorrelationId other) => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is EventCorrelationId other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    [InlineArray(InlineCapacity)]
    private struct InlineBytes
    {
        private byte _first;
    }
}
