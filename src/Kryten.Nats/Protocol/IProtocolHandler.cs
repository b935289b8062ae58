using System.Buffers;

namespace Kryten.Nats.Protocol;

/// <summary>Receives the frames <see cref="ProtocolParser"/> decodes. Spans are valid only during the call.</summary>
internal interface IProtocolHandler
{
    void OnInfo(ReadOnlySpan<byte> json);

    void OnMsg(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> headers, in ReadOnlySequence<byte> payload, bool hasHeaders);

    void OnPing();

    void OnPong();

    void OnOk();

    void OnError(string message);
}
