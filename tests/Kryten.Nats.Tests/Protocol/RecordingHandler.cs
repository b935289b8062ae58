using System.Buffers;
using System.Text;
using Kryten.Nats.Protocol;

namespace Kryten.Nats.Tests.Protocol;

/// <summary>Turns every decoded frame into a readable line so parses can be compared.</summary>
internal sealed class RecordingHandler : IProtocolHandler
{
    public List<string> Frames { get; } = [];

    public void OnInfo(ReadOnlySpan<byte> json) => Frames.Add("INFO " + Encoding.UTF8.GetString(json));

    public void OnMsg(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> headers, in ReadOnlySequence<byte> payload, bool hasHeaders) =>
        Frames.Add($"{(hasHeaders ? "HMSG" : "MSG")} {Encoding.UTF8.GetString(subject)} {sid} [{Encoding.UTF8.GetString(replyTo)}] " +
                   $"h={Encoding.UTF8.GetString(headers.ToArray())} p={Encoding.UTF8.GetString(payload.ToArray())}");

    public void OnPing() => Frames.Add("PING");

    public void OnPong() => Frames.Add("PONG");

    public void OnOk() => Frames.Add("+OK");

    public void OnError(string message) => Frames.Add("-ERR " + message);
}

/// <summary>Builds multi-segment sequences the way a pipe hands over partially received data.</summary>
internal sealed class Chunk : ReadOnlySequenceSegment<byte>
{
    private Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Sequence(params byte[][] parts)
    {
        var nonEmpty = parts.Where(p => p.Length > 0).ToList();
        if (nonEmpty.Count == 0) return ReadOnlySequence<byte>.Empty;
        var first = new Chunk(nonEmpty[0], 0);
        var last = first;
        foreach (var p in nonEmpty.Skip(1))
        {
            var next = new Chunk(p, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Feeds <paramref name="chunks"/> one after another, keeping unconsumed bytes, like a read loop.</summary>
    public static List<string> Feed(ProtocolParser parser, IEnumerable<byte[]> chunks)
    {
        var handler = new RecordingHandler();
        var pending = Array.Empty<byte>();
        foreach (var chunk in chunks)
        {
            var sequence = Sequence(pending, chunk);
            parser.ParseAll(ref sequence, handler);
            pending = sequence.ToArray();
        }
        if (pending.Length != 0) handler.Frames.Add($"<{pending.Length} unconsumed bytes>");
        return handler.Frames;
    }
}
