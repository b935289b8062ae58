using System.Buffers.Text;

namespace Kryten.Sdk.Wire;

/// <summary>
/// An envelope's correlation id as read. The bridge's ids are uuid4 text (36 lowercase characters), kept as a
/// <see cref="Guid"/> so that an event whose handlers never look at its id costs no string; any other id is kept as its
/// text. <see cref="ToString"/> gives the text back exactly as it arrived.
/// </summary>
internal readonly struct EventCorrelationId
{
    private readonly Guid _uuid;
    private readonly string? _text;

    private EventCorrelationId(Guid uuid, string? text)
    {
        _uuid = uuid;
        _text = text;
    }

    public static EventCorrelationId FromText(string text) => new(default, text);

    /// <summary>A new random id, for an envelope that came without one (kryten-py fills one in the same way).</summary>
    public static EventCorrelationId NewId() => new(Guid.NewGuid(), null);

    /// <summary>Takes UTF-8 text that is a lowercase hyphenated uuid as a Guid; false for any other text.</summary>
    public static bool TryFromUuid(ReadOnlySpan<byte> text, out EventCorrelationId id)
    {
        // Guid's "D" form prints lowercase, so only lowercase ids round-trip through a Guid unchanged.
        if (text.Length == 36 && !text.ContainsAnyInRange((byte)'A', (byte)'Z')
            && Utf8Parser.TryParse(text, out Guid uuid, out var consumed, 'D') && consumed == 36)
        {
            id = new EventCorrelationId(uuid, null);
            return true;
        }
        id = default;
        return false;
    }

    public override string ToString() => _text ?? _uuid.ToString("D");
}
