using System.Buffers;
using System.Text;

namespace Kryten.Nats.Protocol;

/// <summary>
/// Decodes server→client frames from a byte sequence that may end anywhere (mid line, mid payload).
/// Memory stays bounded: a control line longer than <see cref="MaxControlLine"/> or a message larger
/// than max_payload plus header slack is a <see cref="NatsProtocolException"/>, never a reason to buffer more.
/// </summary>
internal sealed class ProtocolParser
{
    /// <summary>Server→client lines have no server-side cap (INFO with many connect_urls); this one keeps memory bounded.</summary>
    public const int MaxControlLine = 64 * 1024;

    /// <summary>JetStream and status headers can ride on top of a full payload.</summary>
    private const long HeaderSlack = 64 * 1024;

    private long _maxMessage;

    public ProtocolParser(long maxPayload = 1024 * 1024) => SetMaxPayload(maxPayload);

    public void SetMaxPayload(long maxPayload) => _maxMessage = Math.Max(maxPayload, 1024) + HeaderSlack;

    /// <summary>Decodes every complete frame at the start of <paramref name="buffer"/> and slices them off.</summary>
    /// <exception cref="NatsProtocolException">The bytes are not valid protocol.</exception>
    public void ParseAll(ref ReadOnlySequence<byte> buffer, IProtocolHandler handler)
    {
        while (TryParse(ref buffer, handler)) { }
    }

    /// <summary>Decodes one frame if it is complete; returns false when more bytes are needed.</summary>
    /// <exception cref="NatsProtocolException">The bytes are not valid protocol.</exception>
    public bool TryParse(ref ReadOnlySequence<byte> buffer, IProtocolHandler handler)
    {
        if (buffer.IsEmpty) return false;
        var first = buffer.FirstSpan;
        var lf = first.IndexOf((byte)'\n');
        if (lf >= 0)
        {
            if (lf > MaxControlLine) throw TooLong();
            return Dispatch(ref buffer, first[..lf], lf + 1, handler);
        }
        var pos = buffer.PositionOf((byte)'\n');
        if (pos is null)
        {
            if (buffer.Length > MaxControlLine) throw TooLong();
            return false;
        }
        var lineSeq = buffer.Slice(0, pos.Value);
        if (lineSeq.Length > MaxControlLine) throw TooLong();
        var length = (int)lineSeq.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            lineSeq.CopyTo(rented);
            return Dispatch(ref buffer, rented.AsSpan(0, length), length + 1, handler);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool Dispatch(ref ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> line, int lineBytes, IProtocolHandler handler)
    {
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        if (line.Length < 3) throw Unknown(line);
        switch (line[0] | 0x20)
        {
            case 'm' when IsOp(line, "msg"u8):
                return ParseMsg(ref buffer, line[3..], lineBytes, handler, hasHeaders: false);
            case 'h' when IsOp(line, "hmsg"u8):
                return ParseMsg(ref buffer, line[4..], lineBytes, handler, hasHeaders: true);
            case 'p' when IsBare(line, "ping"u8):
                buffer = buffer.Slice(lineBytes);
                handler.OnPing();
                return true;
            case 'p' when IsBare(line, "pong"u8):
                buffer = buffer.Slice(lineBytes);
                handler.OnPong();
                return true;
            case 'i' when IsOp(line, "info"u8):
            {
                var json = line[4..].Trim(" \t"u8);
                if (json.Length == 0) throw new NatsProtocolException("INFO without JSON");
                handler.OnInfo(json);
                buffer = buffer.Slice(lineBytes);
                return true;
            }
            case '+' when IsBare(line, "+ok"u8):
                buffer = buffer.Slice(lineBytes);
                handler.OnOk();
                return true;
            case '-' when IsOp(line, "-err"u8) || IsBare(line, "-err"u8):
            {
                var text = line[4..].Trim(" \t"u8);
                if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'') text = text[1..^1];
                buffer = buffer.Slice(lineBytes);
                handler.OnError(Encoding.UTF8.GetString(text));
                return true;
            }
            default:
                throw Unknown(line);
        }
    }

    private bool ParseMsg(ref ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> args, int lineBytes, IProtocolHandler handler, bool hasHeaders)
    {
        Span<Range> parts = stackalloc Range[6];
        var count = Split(args, parts);
        ReadOnlySpan<byte> subject, reply = default;
        long sid, headerSize = 0, totalSize;
        if (hasHeaders)
        {
            if (count is not (4 or 5)) throw new NatsProtocolException($"HMSG needs 4 or 5 arguments, got {count}");
            subject = args[parts[0]];
            sid = ParseNumber(args[parts[1]], "sid");
            if (count == 5) reply = args[parts[2]];
            headerSize = ParseNumber(args[parts[count - 2]], "header size");
            totalSize = ParseNumber(args[parts[count - 1]], "total size");
            if (headerSize > totalSize) throw new NatsProtocolException("HMSG header size exceeds total size");
        }
        else
        {
            if (count is not (3 or 4)) throw new NatsProtocolException($"MSG needs 3 or 4 arguments, got {count}");
            subject = args[parts[0]];
            sid = ParseNumber(args[parts[1]], "sid");
            if (count == 4) reply = args[parts[2]];
            totalSize = ParseNumber(args[parts[count - 1]], "size");
        }
        if (totalSize > _maxMessage) throw new NatsProtocolException($"message of {totalSize} bytes exceeds the limit of {_maxMessage}");
        var frame = lineBytes + totalSize + 2;
        if (buffer.Length < frame) return false;
        var body = buffer.Slice(lineBytes, totalSize);
        var trailer = buffer.Slice(lineBytes + totalSize, 2);
        Span<byte> crlf = stackalloc byte[2];
        trailer.CopyTo(crlf);
        if (crlf[0] != '\r' || crlf[1] != '\n') throw new NatsProtocolException("message payload is not followed by CRLF");
        handler.OnMsg(subject, sid, reply, body.Slice(0, headerSize), body.Slice(headerSize), hasHeaders);
        buffer = buffer.Slice(frame);
        return true;
    }

    private static int Split(ReadOnlySpan<byte> args, Span<Range> parts)
    {
        if (args.Length == 0 || (args[0] != ' ' && args[0] != '\t')) return 0;
        var count = 0;
        var i = 0;
        while (i < args.Length)
        {
            while (i < args.Length && (args[i] == ' ' || args[i] == '\t')) i++;
            if (i >= args.Length) break;
            var start = i;
            while (i < args.Length && args[i] != ' ' && args[i] != '\t') i++;
            if (count == parts.Length) return count + 1;
            parts[count++] = new Range(start, i);
        }
        return count;
    }

    private static long ParseNumber(ReadOnlySpan<byte> text, string what)
    {
        if (text.Length is 0 or > 18) throw new NatsProtocolException($"invalid {what} in message header");
        long value = 0;
        foreach (var b in text)
        {
            if (b < '0' || b > '9') throw new NatsProtocolException($"invalid {what} in message header");
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static bool IsOp(ReadOnlySpan<byte> line, ReadOnlySpan<byte> op) =>
        line.Length > op.Length && EqualsIgnoreCase(line[..op.Length], op) && (line[op.Length] == ' ' || line[op.Length] == '\t');

    private static bool IsBare(ReadOnlySpan<byte> line, ReadOnlySpan<byte> op) =>
        EqualsIgnoreCase(line.TrimEnd(" \t"u8), op);

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> lower)
    {
        if (a.Length != lower.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i];
            if (c is >= (byte)'A' and <= (byte)'Z') c = (byte)(c | 0x20);
            if (c != lower[i]) return false;
        }
        return true;
    }

    private static NatsProtocolException TooLong() =>
        new($"control line longer than {MaxControlLine} bytes");

    private static NatsProtocolException Unknown(ReadOnlySpan<byte> line)
    {
        var shown = line.Length > 32 ? line[..32] : line;
        var sb = new StringBuilder();
        foreach (var b in shown) sb.Append(b is >= 32 and < 127 ? (char)b : '?');
        return new NatsProtocolException($"unknown protocol operation '{sb}'");
    }
}
