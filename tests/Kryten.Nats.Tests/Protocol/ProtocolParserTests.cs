using System.Text;
using Kryten.Nats.Protocol;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Protocol;

public sealed class ProtocolParserTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public static TheoryData<string, string> Frames => new()
    {
        { "INFO {\"server_id\":\"N1\",\"max_payload\":1048576} \r\n", "INFO {\"server_id\":\"N1\",\"max_payload\":1048576}" },
        { "MSG foo 1 5\r\nhello\r\n", "MSG foo 1 [] h= p=hello" },
        { "MSG foo.bar 12 _INBOX.x.1 5\r\nhello\r\n", "MSG foo.bar 12 [_INBOX.x.1] h= p=hello" },
        { "MSG _INBOX.r.6 1  28\r\n{\"stream\":\"KV_ab\", \"seq\":12}\r\n", "MSG _INBOX.r.6 1 [] h= p={\"stream\":\"KV_ab\", \"seq\":12}" },
        { "MSG empty 3 0\r\n\r\n", "MSG empty 3 [] h= p=" },
        { "msg lower\t4\t2\r\nhi\r\n", "MSG lower 4 [] h= p=hi" },
        { "HMSG FOO 2 22 33\r\nNATS/1.0\r\nBar: Baz\r\n\r\nHello NATS!\r\n", "HMSG FOO 2 [] h=NATS/1.0\r\nBar: Baz\r\n\r\n p=Hello NATS!" },
        { "HMSG rep 7 _INBOX.a.2  16 16\r\nNATS/1.0 503\r\n\r\n\r\n", "HMSG rep 7 [_INBOX.a.2] h=NATS/1.0 503\r\n\r\n p=" },
        { "PING\r\n", "PING" },
        { "PONG\r\n", "PONG" },
        { "+OK\r\n", "+OK" },
        { "-ERR 'Permissions Violation for Publish to \"x\"'\r\n", "-ERR Permissions Violation for Publish to \"x\"" },
        { "-ERR 'Stale Connection'\r\n", "-ERR Stale Connection" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Decodes_every_frame_kind(string wire, string expected)
    {
        Chunk.Feed(new ProtocolParser(), [B(wire)]).ShouldBe([expected]);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Decodes_a_frame_split_at_every_byte_boundary(string wire, string expected)
    {
        var bytes = B(wire);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            Chunk.Feed(new ProtocolParser(), [bytes[..cut], bytes[cut..]]).ShouldBe([expected], $"split at {cut}");
        }
    }

    [Fact]
    public void Decodes_all_frames_back_to_back_split_at_every_boundary_and_byte_by_byte()
    {
        var all = string.Concat(Frames.Select(f => f.Data.Item1));
        var expected = Frames.Select(f => f.Data.Item2).ToList();
        var bytes = B(all);
        Chunk.Feed(new ProtocolParser(), [bytes]).ShouldBe(expected);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            Chunk.Feed(new ProtocolParser(), [bytes[..cut], bytes[cut..]]).ShouldBe(expected, $"split at {cut}");
        }
        Chunk.Feed(new ProtocolParser(), bytes.Select(b => new[] { b })).ShouldBe(expected);
    }

    [Fact]
    public void Waits_for_the_rest_of_a_payload_without_consuming()
    {
        Chunk.Feed(new ProtocolParser(), [B("MSG foo 1 10\r\nhell")]).ShouldBe(["<18 unconsumed bytes>"]);
    }

    [Fact]
    public void Decodes_a_max_size_payload()
    {
        var payload = new byte[1024 * 1024];
        new Random(7).NextBytes(payload);
        var wire = B($"MSG big 1 {payload.Length}\r\n").Concat(payload).Concat(B("\r\n")).ToArray();
        var handler = new CapturingHandler();
        var sequence = Chunk.Sequence(wire[..1000], wire[1000..500_000], wire[500_000..]);
        new ProtocolParser(1024 * 1024).ParseAll(ref sequence, handler);
        sequence.Length.ShouldBe(0);
        handler.Payload.ShouldBe(payload);
    }

    [Theory]
    [InlineData("XYZ foo\r\n")]
    [InlineData("MSG foo\r\n")]
    [InlineData("MSG foo 1 2 3 4\r\n")]
    [InlineData("MSG foo one 5\r\nhello\r\n")]
    [InlineData("MSG foo 1 -5\r\nhello\r\n")]
    [InlineData("MSG foo 1 5\r\nhelloXX")]
    [InlineData("HMSG foo 1 30 20\r\n")]
    [InlineData("HMSG foo 1 20\r\n")]
    [InlineData("MSGfoo 1 5\r\n")]
    [InlineData("INFO \r\n")]
    [InlineData("\r\n")]
    [InlineData("PINGPONG\r\n")]
    public void Garbage_fails_with_a_protocol_exception(string wire)
    {
        Should.Throw<NatsProtocolException>(() => Chunk.Feed(new ProtocolParser(), [B(wire)]));
    }

    [Fact]
    public void A_payload_larger_than_max_payload_plus_slack_fails_before_buffering_it()
    {
        var parser = new ProtocolParser(1024);
        Should.Throw<NatsProtocolException>(() => Chunk.Feed(parser, [B("MSG foo 1 999999999\r\n")]))
            .Message.ShouldContain("exceeds");
    }

    [Fact]
    public void A_control_line_without_end_fails_once_longer_than_the_cap()
    {
        var parser = new ProtocolParser();
        var line = new byte[ProtocolParser.MaxControlLine + 1];
        line.AsSpan().Fill((byte)'A');
        Chunk.Feed(parser, [line[..1000]]).ShouldBe(["<1000 unconsumed bytes>"]);
        Should.Throw<NatsProtocolException>(() => Chunk.Feed(new ProtocolParser(), [line[..1000], line[1000..]]));
    }

    [Fact]
    public void Random_bytes_either_parse_wait_or_fail_with_a_protocol_exception()
    {
        var random = new Random(20261122);
        var prefixes = new[] { "", "MSG ", "HMSG ", "MSG a 1 ", "HMSG a 1 5 ", "INFO ", "-ERR ", "PING", "+OK" };
        for (var i = 0; i < 3000; i++)
        {
            var noise = new byte[random.Next(0, 120)];
            random.NextBytes(noise);
            if (random.Next(3) == 0)
            {
                for (var j = 0; j < noise.Length; j++) noise[j] = (byte)"0123456789 \r\nabcMSG"[noise[j] % 19];
            }
            var bytes = B(prefixes[random.Next(prefixes.Length)]).Concat(noise).ToArray();
            var cut = random.Next(bytes.Length + 1);
            try
            {
                Chunk.Feed(new ProtocolParser(4096), [bytes[..cut], bytes[cut..]]);
            }
            catch (NatsProtocolException)
            {
            }
        }
    }

    private sealed class CapturingHandler : IProtocolHandler
    {
        public byte[] Payload { get; private set; } = [];

        public void OnInfo(ReadOnlySpan<byte> json) { }

        public void OnMsg(ReadOnlySpan<byte> subject, long sid, ReadOnlySpan<byte> replyTo, in System.Buffers.ReadOnlySequence<byte> headers, in System.Buffers.ReadOnlySequence<byte> payload, bool hasHeaders) =>
            Payload = System.Buffers.BuffersExtensions.ToArray(payload);

        public void OnPing() { }

        public void OnPong() { }

        public void OnOk() { }

        public void OnError(string message) { }
    }
}
