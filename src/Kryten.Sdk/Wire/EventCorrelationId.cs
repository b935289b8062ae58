using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// An envelope's correlation id as read. The bridge's ids are uuid4 text (36 ASCII bytes): an id of up to 36 bytes is
/// kept as its UTF-8 bytes, inside this struct, so that an event whose handlers never look at its id costs neither a
/// string nor any parsing; a longer or escaped id is kept as its text. <see cref="ToString"/> gives the text back
/// exactly as it arrived. The bytes are copied out of the message, whose buffer is returned to its pool after dispatch.
/// </summary>
internal readonly struct EventCorrelationId
{
    private const int InlineLength = 36;

    private readonly InlineBytes _bytes;
    private readonly int _length;
    private readonly string? _text;

    private EventCorrelationId(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(_bytes);
        _length = utf8.Length;
    }

    private EventCorrelationId(string text) => _text = text;

    public static EventCorrelationId FromText(string text) => new(text);

    /// <summary>Reads the string token the reader is on (the message is valid UTF-8: the envelope reader checked it).</summary>
    public static EventCorrelationId Read(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && reader.ValueSpan.Length <= InlineLength ? new(reader.ValueSpan) : new(reader.GetString()!);

    /// <summary>A new random id, for an envelope that came without one (kryten-py fills one in the same way).</summary>
    public static EventCorrelationId NewId()
    {
        Span<byte> text = stackalloc byte[InlineLength];
        Guid.NewGuid().TryFormat(text, out var written, "D");
        return new(text[..written]);
    }

    public override string ToString() => _text ?? Encoding.UTF8.GetString(((ReadOnlySpan<byte>)_bytes)[.._length]);

    [InlineArray(InlineLength)]
    private struct InlineBytes
    {
        private byte _first;
    }
}
