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
}
