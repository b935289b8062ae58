using Kryten.Nats.Internal;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Connection;

public sealed class ValidationTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("foo..bar")]
    [InlineData(".foo")]
    [InlineData("foo.")]
    [InlineData("foo bar")]
    [InlineData("foo\tbar")]
    [InlineData("foo.*")]
    [InlineData("foo.>")]
    [InlineData("foo*")]
    public async Task Publish_rejects_invalid_subjects_with_argument_exception(string subject)
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var ex = await Should.ThrowAsync<ArgumentException>(async () => await nc.PublishAsync(subject, "x"u8.ToArray(), cancellationToken: Ct));
        ex.Message.ShouldContain("subject");
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo..bar")]
    [InlineData("foo.")]
    [InlineData("foo bar")]
    [InlineData("foo.>.bar")]
    [InlineData("foo*.bar")]
    [InlineData("foo.b>")]
    public async Task Subscribe_rejects_invalid_subjects_with_argument_exception(string subject)
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await Should.ThrowAsync<ArgumentException>(async () => await nc.SubscribeAsync(subject, cancellationToken: Ct));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("*")]
    [InlineData(">")]
    [InlineData("foo.*.bar")]
    [InlineData("foo.>")]
    [InlineData("$JS.API.>")]
    public void Subscribe_accepts_legal_wildcards(string subject)
    {
        Should.NotThrow(() => SubjectValidator.ValidateSubscribe(subject));
    }

    [Fact]
    public async Task Queue_group_with_whitespace_is_rejected()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        await Should.ThrowAsync<ArgumentException>(async () => await nc.SubscribeAsync("foo", "bad group", cancellationToken: Ct));
    }

    [Fact]
    public async Task Publish_over_max_payload_is_rejected_before_writing_and_connection_stays_usable()
    {
        await using var nc = await TestConnections.ConnectAsync(fixture.Server);
        var max = (int)nc.ServerInfo!.MaxPayload;
        var ex = await Should.ThrowAsync<NatsPayloadTooLargeException>(async () => await nc.PublishAsync("big", new byte[max + 1], cancellationToken: Ct));
        ex.MaxPayload.ShouldBe(max);
        await Should.ThrowAsync<NatsPayloadTooLargeException>(async () =>
            await nc.PublishAsync("big", new byte[max - 5], new NatsHeaders { { "Pad", "0123456789" } }, cancellationToken: Ct));
        nc.Statistics.MsgsOut.ShouldBe(0);
        await using var sub = await nc.SubscribeAsync("big", cancellationToken: Ct);
        await nc.PublishAsync("big", new byte[max], cancellationToken: Ct);
        using var msg = await sub.NextAsync();
        msg.Data.Length.ShouldBe(max);
        nc.State.ShouldBe(NatsConnectionState.Connected);
    }

    [Fact]
    public async Task Publishing_before_connect_fails_clearly()
    {
        await using var nc = new NatsConnection(TestConnections.Opts(fixture.Url));
        await Should.ThrowAsync<NatsConnectionException>(async () => await nc.PublishAsync("x", "y"u8.ToArray(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Connect_to_nothing_fails_with_connection_exception_and_closes()
    {
        var port = NatsServerProcess.FreePort();
        await using var nc = new NatsConnection(TestConnections.Opts($"nats://127.0.0.1:{port}"));
        await Should.ThrowAsync<NatsConnectionException>(async () => await nc.ConnectAsync(Ct));
        nc.State.ShouldBe(NatsConnectionState.Closed);
    }

    [Fact]
    public void Opts_to_string_redacts_every_secret()
    {
        var opts = NatsOpts.Default with
        {
            Servers = ["nats://urluser:urlpass@127.0.0.1:4222"],
            Username = "alice",
            Password = "pw-SECRET-1",
            Token = "tok-SECRET-2",
            NKeySeed = "SUSECRET3",
            Jwt = "jwt.SECRET.4",
        };
        var text = opts.ToString();
        foreach (var secret in new[] { "pw-SECRET-1", "tok-SECRET-2", "SUSECRET3", "jwt.SECRET.4", "urlpass" }) text.ShouldNotContain(secret);
        text.ShouldContain("alice");
        text.ShouldContain("***");
    }

    [Fact]
    public void Nuids_are_22_base62_chars_and_unique()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var id = Nuid.Next();
            id.Length.ShouldBe(22);
            seen.Add(id).ShouldBeTrue();
        }
        seen.First().ShouldAllBe(c => char.IsAsciiLetterOrDigit(c));
    }

    [Fact]
    public void Nuid_rolls_the_prefix_when_the_sequence_overflows()
    {
        var nuid = new Nuid(Nuid.MaxSequence - 1, 100);
        var before = nuid.Prefix;
        var id = nuid.NextValue();
        nuid.Prefix.ShouldNotBe(before);
        id[..12].ShouldBe(nuid.Prefix);
    }

    [Fact]
    public async Task Jwt_without_seed_fails_with_a_clear_connection_error()
    {
        await using var nc = new NatsConnection(TestConnections.Opts(fixture.Url) with { Jwt = "header.payload.signature" });
        var ex = await Should.ThrowAsync<NatsConnectionException>(async () => await nc.ConnectAsync(Ct));
        ex.Message.ShouldContain("NKeySeed");
        ex.Message.ShouldNotContain("header.payload.signature");
    }
}
