using System.Text;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>The envelope reader's duplicate-key check on the payload, below and beyond its on-stack capacity (16 keys).</summary>
public sealed class PayloadDuplicateKeyTests
{
    [Theory]
    [InlineData(3, -1)]
    [InlineData(3, 0)]
    [InlineData(16, 15)]
    [InlineData(40, -1)]
    [InlineData(40, 3)]
    [InlineData(40, 30)]
    public void Payload_keys_must_be_unique_however_many_there_are(int keys, int duplicateOf)
    {
        var payload = string.Join(", ", Enumerable.Range(0, keys).Select(i => $"\"k{i}\": {i}"));
        if (duplicateOf >= 0) payload += $", \"k{duplicateOf}\": 0";
        var body = Encoding.UTF8.GetBytes($$"""{"event_name": "x", "payload": {{{payload}}}, "channel": "c", "domain": "d"}""");

        var ok = new EnvelopeReader(1 << 20, 64, TimeProvider.System).TryRead(body, out var envelope, out var reason);

        ok.ShouldBe(duplicateOf < 0);
        if (ok) envelope.PayloadLength.ShouldBe(payload.Length + 2);
        else reason.ShouldBe("duplicate key in the payload");
    }
}
