using System.Buffers;
using System.Text;
using Kryten.Nats.Protocol;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Protocol;

public sealed class HeadersAndWriterTests
{
    private static string Text(ArrayBufferWriter<byte> w) => Encoding.UTF8.GetString(w.WrittenSpan);

    [Fact]
    public void Parses_status_only_header_block()
    {
        var h = NatsHeaders.Parse("NATS/1.0 503\r\n\r\n"u8);
        h.StatusCode.ShouldBe(503);
        h.StatusDescription.ShouldBeNull();
        h.Count.ShouldBe(0);
    }

    [Fact]
    public void Parses_status_with_description_and_repeated_keys()
    {
        var h = NatsHeaders.Parse("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 5\r\nA: 1\r\nA:2\r\n\r\n"u8);
        h.StatusCode.ShouldBe(408);
        h.StatusDescription.ShouldBe("Request Timeout");
        h["Nats-Pending-Messages"].ShouldBe("5");
        h.GetValues("A").ShouldBe(["1", "2"]);
    }

    [Theory]
    [InlineData("HTTP/1.1\r\n\r\n")]
    [InlineData("NATS/1.0\r\nNoColon\r\n\r\n")]
    [InlineData("NATS/1.0 5x3\r\n\r\n")]
    [InlineData("NATS/1.0\r\nA: 1\r\n")]
    public void Malformed_header_blocks_fail_with_protocol_exception(string block)
    {
        Should.Throw<NatsProtocolException>(() => NatsHeaders.Parse(Encoding.ASCII.GetBytes(block)));
    }

    [Fact]
    public void Writes_header_block_with_sizes_matching_the_protocol_example()
    {
        var headers = new NatsHeaders { { "Bar", "Baz" } };
        var w = new ArrayBufferWriter<byte>();
        headers.WriteTo(w).ShouldBe(22);
        var pub = new ArrayBufferWriter<byte>();
        ProtocolWriter.WritePublish(pub, "FOO", null, w.WrittenSpan, "Hello NATS!"u8);
        Text(pub).ShouldBe("HPUB FOO 22 33\r\nNATS/1.0\r\nBar: Baz\r\n\r\nHello NATS!\r\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad key")]
    [InlineData("bad:key")]
    public void Rejects_invalid_header_keys(string key)
    {
        Should.Throw<ArgumentException>(() => new NatsHeaders().Add(key, "v"));
    }

    [Fact]
    public void Rejects_header_values_with_line_breaks()
    {
        Should.Throw<ArgumentException>(() => new NatsHeaders().Add("K", "a\r\nInjected: yes"));
    }

    [Fact]
    public void Writes_pub_sub_unsub_commands()
    {
        var w = new ArrayBufferWriter<byte>();
        ProtocolWriter.WritePublish(w, "a.b", "_INBOX.x", default, "hi"u8);
        ProtocolWriter.WritePublish(w, "empty", null, default, default);
        ProtocolWriter.WriteSub(w, "a.*", "q", 7);
        ProtocolWriter.WriteSub(w, "a.>", null, 8);
        ProtocolWriter.WriteUnsub(w, 7, 3);
        ProtocolWriter.WriteUnsub(w, 8, null);
        Text(w).ShouldBe("PUB a.b _INBOX.x 2\r\nhi\r\nPUB empty 0\r\n\r\nSUB a.* q 7\r\nSUB a.> 8\r\nUNSUB 7 3\r\nUNSUB 8\r\n");
    }

    [Fact]
    public void Publish_control_line_counts_utf8_bytes()
    {
        var w = new ArrayBufferWriter<byte>();
        ProtocolWriter.WritePublish(w, "ü", null, default, Encoding.UTF8.GetBytes("é"));
        Text(w).ShouldBe("PUB ü 2\r\né\r\n");
    }

    [Theory]
    [InlineData("Permissions Violation for Publish to \"x\"", "NonFatal")]
    [InlineData("Permissions Violation for Subscription to \"y\" using queue \"q\"", "NonFatal")]
    [InlineData("Invalid Subject", "NonFatal")]
    [InlineData("maximum subscriptions exceeded", "NonFatal")]
    [InlineData("Authorization Violation", "Authorization")]
    [InlineData("Authentication Timeout", "Authorization")]
    [InlineData("User Authentication Expired", "Authorization")]
    [InlineData("Stale Connection", "Fatal")]
    [InlineData("Unknown Protocol Operation", "Fatal")]
    [InlineData("Maximum Payload Violation", "Fatal")]
    public void Classifies_server_errors(string message, string kind)
    {
        ServerError.Classify(message).ToString().ShouldBe(kind);
    }
}
