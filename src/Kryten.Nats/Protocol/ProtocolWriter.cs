using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Kryten.Nats.Protocol;

/// <summary>Encodes client→server commands straight into a buffer writer (no intermediate strings).</summary>
internal static class ProtocolWriter
{
    public static void WritePing(IBufferWriter<byte> w) => w.Write("PING\r\n"u8);

    public static void WritePong(IBufferWriter<byte> w) => w.Write("PONG\r\n"u8);

    public static void WriteConnect(IBufferWriter<byte> w, ReadOnlySpan<byte> json)
    {
        w.Write("CONNECT "u8);
        w.Write(json);
        w.Write("\r\n"u8);
    }

    /// <summary>PUB, or HPUB when <paramref name="headers"/> is not empty.</summary>
    public static void WritePublish(IBufferWriter<byte> w, string subject, string? replyTo, ReadOnlySpan<byte> headers, ReadOnlySpan<byte> payload)
    {
        var hasHeaders = !headers.IsEmpty;
        var max = 6 + Encoding.UTF8.GetMaxByteCount(subject.Length) + 1 + (replyTo is null ? 0 : Encoding.UTF8.GetMaxByteCount(replyTo.Length) + 1) + 24;
        var span = w.GetSpan(max);
        var n = 0;
        (hasHeaders ? "HPUB "u8 : "PUB "u8).CopyTo(span);
        n += hasHeaders ? 5 : 4;
        n += Encoding.UTF8.GetBytes(subject, span[n..]);
        span[n++] = (byte)' ';
        if (replyTo is not null)
        {
            n += Encoding.UTF8.GetBytes(replyTo, span[n..]);
            span[n++] = (byte)' ';
        }
        if (hasHeaders)
        {
            n += WriteInt(span[n..], headers.Length);
            span[n++] = (byte)' ';
        }
        n += WriteInt(span[n..], headers.Length + payload.Length);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        w.Advance(n);
        if (hasHeaders) w.Write(headers);
        w.Write(payload);
        w.Write("\r\n"u8);
    }

    public static void WriteSub(IBufferWriter<byte> w, string subject, string? queueGroup, long sid)
    {
        var max = 5 + Encoding.UTF8.GetMaxByteCount(subject.Length) + (queueGroup is null ? 0 : Encoding.UTF8.GetMaxByteCount(queueGroup.Length) + 1) + 24;
        var span = w.GetSpan(max);
        "SUB "u8.CopyTo(span);
        var n = 4;
        n += Encoding.UTF8.GetBytes(subject, span[n..]);
        span[n++] = (byte)' ';
        if (queueGroup is not null)
        {
            n += Encoding.UTF8.GetBytes(queueGroup, span[n..]);
            span[n++] = (byte)' ';
        }
        n += WriteInt(span[n..], sid);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        w.Advance(n);
    }

    public static void WriteUnsub(IBufferWriter<byte> w, long sid, long? maxMessages)
    {
        var span = w.GetSpan(48);
        "UNSUB "u8.CopyTo(span);
        var n = 6;
        n += WriteInt(span[n..], sid);
        if (maxMessages is long max)
        {
            span[n++] = (byte)' ';
            n += WriteInt(span[n..], max);
        }
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        w.Advance(n);
    }

    private static int WriteInt(Span<byte> span, long value)
    {
        Utf8Formatter.TryFormat(value, span, out var written);
        return written;
    }
}
