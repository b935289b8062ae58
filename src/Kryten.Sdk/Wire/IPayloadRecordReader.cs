using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Asked by <see cref="EnvelopeReader"/> when it reaches the payload of an event whose name it already has: read the
/// record in place (the payload is then tokenized once, not twice), or decline when no typed handler wants one.
/// </summary>
internal interface IPayloadRecordReader
{
    /// <summary>
    /// Reads the record from the payload's first token, leaving the reader on its last; returns false with the reader
    /// unmoved to decline. Throws, like any record reader, when the payload has the wrong shape.
    /// </summary>
    bool TryReadRecord(string eventName, ref Utf8JsonReader reader, out object? record);

    /// <summary>
    /// Reads the record without tokenizing when the payload at <paramref name="at"/> is in the bridge's exact layout,
    /// moving <paramref name="at"/> just past it; returns false with <paramref name="at"/> unmoved to decline, in which case
    /// <see cref="TryReadRecord"/> is asked next. Takes the same events <see cref="TryReadRecord"/> takes.
    /// </summary>
    /// <param name="eventName">The event's name.</param>
    /// <param name="message">The whole message.</param>
    /// <param name="at">The payload's first byte.</param>
    /// <param name="maxDepth">The payload's depth limit, the payload counting as one level.</param>
    /// <param name="record">The record, when read.</param>
    bool TryReadCanonicalRecord(string eventName, ReadOnlySpan<byte> message, ref int at, int maxDepth, out object? record);
}
