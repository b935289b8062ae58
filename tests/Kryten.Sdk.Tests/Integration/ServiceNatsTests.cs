using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Tests.Services;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;

namespace Kryten.Sdk.Tests.Integration;

/// <summary>A generated host and its generated client over a real nats-server, and raw requests for every error path.</summary>
public sealed class ServiceNatsTests : IClassFixture<NatsServerFixture>
{
    private readonly NatsServerFixture _nats;

    public ServiceNatsTests(NatsServerFixture nats) => _nats = nats;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<KrytenClient> ClientAsync(Action<KrytenOptions>? configure = null)
    {
        var options = TestClients.Options();
        options.Nats.Servers = [_nats.Url];
        configure?.Invoke(options);
        var client = new KrytenClient(options);
        await client.ConnectAsync(Ct);
        return client;
    }

    private async Task<NatsConnection> PeerAsync()
    {
        var peer = new NatsConnection(NatsOpts.Default with { Url = _nats.Url });
        await peer.ConnectAsync();
        return peer;
    }

    [Fact]
    public async Task Every_generated_client_method_round_trips_through_the_generated_host()
    {
        await using var server = await ClientAsync();
        await using var caller = await ClientAsync();
        await using var host = await NotesServiceHost.StartAsync(server, new NotesService(), cancellationToken: Ct);
        var notes = new NotesClient(caller, TimeSpan.FromSeconds(5));

        (await notes.PutAsync("a", "first", pinned: true, tags: ["t"], cancellationToken: Ct)).Tags.ShouldBe(["t"]);
        await notes.PutAsync("b", "second", cancellationToken: Ct);
        (await notes.GetAsync("b", cancellationToken: Ct)).Text.ShouldBe("second");
        (await notes.FindAsync("a", cancellationToken: Ct))!.Pinned.ShouldBeTrue();
        (await notes.FindAsync("zzz", cancellationToken: Ct)).ShouldBeNull();
        (await notes.ListAsync(cancellationToken: Ct)).Select(n => n.Key).ShouldBe(["a", "b"]);
        await notes.ClearAsync(cancellationToken: Ct);
        (await notes.ListAsync(5, cancellationToken: Ct)).ShouldBeEmpty();
        (await notes.PingAsync(cancellationToken: Ct)).Pong.ShouldBeTrue();
        (await notes.GetHealthAsync(cancellationToken: Ct)).Service.ShouldBe("notes");
        (await notes.GetStatsAsync(cancellationToken: Ct)).CommandsFailed.ShouldBe(0);
        var missing = await Should.ThrowAsync<KrytenServiceException>(() => notes.GetAsync("zzz", cancellationToken: Ct).AsTask());
        missing.ErrorCode.ShouldBe(NotesServiceErrors.RecordNotFound);
        var exploded = await Should.ThrowAsync<KrytenServiceException>(() => notes.ExplodeAsync(cancellationToken: Ct).AsTask());
        exploded.ErrorCode.ShouldBe(KrytenWire.ErrorInternal);
        exploded.ServiceError.ShouldBe("Internal error");
    }

    [Theory]
    [InlineData("not json", """{"service":"notes","success":false,"error":"Invalid JSON","error_code":"INVALID_INPUT"}""")]
    [InlineData("[1]", """{"service":"notes","success":false,"error":"Request must be a JSON object","error_code":"INVALID_INPUT"}""")]
    [InlineData("""{"service": "notes"}""", """{"service":"notes","success":false,"error":"Missing 'command' field","error_code":"INVALID_INPUT"}""")]
    [InlineData("""{"service": "system", "command": "system.ping"}""", """{"service":"notes","success":false,"error":"Command intended for 'system', not 'notes'","error_code":"WRONG_SERVICE"}""")]
    [InlineData("""{"command": "note.nope"}""", """{"service":"notes","command":"note.nope","success":false,"error":"Unknown command: note.nope","error_code":"UNKNOWN_COMMAND"}""")]
    [InlineData("""{"command": "note.list", "limit": 0}""", """{"service":"notes","command":"note.list","success":false,"error":"'limit' must be within [1, 50].","error_code":"INVALID_INPUT","details":"limit"}""")]
    [InlineData("""{"command": "note.explode"}""", """{"service":"notes","command":"note.explode","success":false,"error":"Internal error","error_code":"INTERNAL_ERROR"}""")]
    public async Task Every_bad_request_gets_one_error_reply(string request, string reply)
    {
        await using var server = await ClientAsync();
        await using var host = await NotesServiceHost.StartAsync(server, new NotesService(), cancellationToken: Ct);
        await using var peer = await PeerAsync();

        var answer = await peer.RequestAsync<byte[], byte[]>("kryten.notes.command", Encoding.UTF8.GetBytes(request), cancellationToken: Ct);

        Encoding.UTF8.GetString(answer.Data!).ShouldBe(reply);
    }

    [Fact]
    public async Task Three_instances_in_a_queue_group_answer_each_request_once()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => new NotesService()).ToList();
        var servers = new List<KrytenClient>();
        var hosts = new List<KrytenServiceHost>();
        foreach (var instance in instances)
        {
            var server = await ClientAsync();
            servers.Add(server);
            hosts.Add(await NotesServiceHost.StartAsync(server, instance, cancellationToken: Ct));
        }
        await using var peer = await PeerAsync();
        var replies = new ConcurrentBag<string>();
        var inbox = peer.NewInbox();
        await using var sub = await peer.SubscribeCoreAsync<byte[]>(inbox, cancellationToken: Ct);
        var reading = Task.Run(async () =>
        {
            await foreach (var m in sub.Msgs.ReadAllAsync(Ct)) replies.Add(Encoding.UTF8.GetString(m.Data!));
        }, Ct);

        for (var i = 0; i < 60; i++) await peer.PublishAsync("kryten.notes.command", Encoding.UTF8.GetBytes($$"""{"command": "note.find", "key": "k{{i}}"}"""), replyTo: inbox, cancellationToken: Ct);
        for (var i = 0; i < 500 && replies.Count < 60; i++) await Task.Delay(10, Ct);
        await Task.Delay(200, Ct);   // a second answer to any request would arrive by now

        replies.Count.ShouldBe(60);
        instances.Sum(s => s.Calls.Count).ShouldBe(60);
        instances.Count(s => !s.Calls.IsEmpty).ShouldBeGreaterThan(1);
        foreach (var host in hosts) await host.DisposeAsync();
        foreach (var server in servers) await server.DisposeAsync();
    }

    [Fact]
    public async Task The_nats_services_framework_lists_the_service_and_its_endpoint()
    {
        await using var server = await ClientAsync();
        await using var host = await NotesServiceHost.StartAsync(server, new NotesService(), new KrytenServiceHostOptions { Version = "1.4.0", Description = "notes for tests" }, Ct);
        await using var peer = await PeerAsync();

        var info = await peer.RequestAsync<byte[], byte[]>("$SRV.INFO.notes", [], cancellationToken: Ct);
        var ping = await peer.RequestAsync<byte[], byte[]>("$SRV.PING", [], cancellationToken: Ct);

        using var json = JsonDocument.Parse(info.Data!);
        json.RootElement.GetProperty("name").GetString().ShouldBe("notes");
        json.RootElement.GetProperty("version").GetString().ShouldBe("1.4.0");
        json.RootElement.GetProperty("description").GetString().ShouldBe("notes for tests");
        var endpoint = json.RootElement.GetProperty("endpoints").EnumerateArray().ShouldHaveSingleItem();
        endpoint.GetProperty("subject").GetString().ShouldBe("kryten.notes.command");
        endpoint.GetProperty("queue_group").GetString().ShouldBe("notes");
        endpoint.GetProperty("metadata").GetProperty("commands").GetString()!.Split(',')
            .ShouldBe(["note.clear", "note.explode", "note.find", "note.get", "note.list", "note.put", "note.set", "system.health", "system.ping", "system.stats"]);
        Encoding.UTF8.GetString(ping.Data!).ShouldContain("\"name\":\"notes\"");
    }

    [Fact]
    public async Task Without_the_services_framework_the_host_still_serves_in_its_queue_group()
    {
        await using var server = await ClientAsync();
        await using var host = await NotesServiceHost.StartAsync(server, new NotesService(), new KrytenServiceHostOptions { RegisterWithNatsServices = false }, Ct);
        await using var peer = await PeerAsync();

        (await new NotesClient(server).FindAsync("a", cancellationToken: Ct)).ShouldBeNull();
        await Should.ThrowAsync<NatsNoRespondersException>(() => peer.RequestAsync<byte[], byte[]>("$SRV.INFO.notes", [], cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task No_running_service_and_a_silent_one_are_the_sdks_exceptions()
    {
        await using var caller = await ClientAsync();
        var notes = new NotesClient(caller, TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<KrytenNoRespondersException>(() => notes.ListAsync(cancellationToken: Ct).AsTask());

        await using var peer = await PeerAsync();
        await using var silent = await peer.SubscribeCoreAsync<byte[]>("kryten.notes.command", cancellationToken: Ct);
        await peer.PingAsync(Ct);
        var e = await Should.ThrowAsync<KrytenTimeoutException>(() => notes.ListAsync(cancellationToken: Ct).AsTask());
        e.Operation.ShouldBe("notes note.list");
    }

    [Fact]
    public async Task A_host_announces_the_clients_service_once_it_serves()
    {
        await using var peer = await PeerAsync();
        await using var startups = await peer.SubscribeCoreAsync<byte[]>("kryten.lifecycle.notes-svc.startup", cancellationToken: Ct);
        await peer.PingAsync(Ct);
        await using var server = await ClientAsync(o => o.Service = new KrytenServiceOptions { Name = "notes-svc", Version = "1.0.0" });
        await startups.Msgs.ReadAsync(Ct);   // the client's own announcement on connect

        await using var host = await NotesServiceHost.StartAsync(server, new NotesService(), cancellationToken: Ct);
        var again = await startups.Msgs.ReadAsync(Ct);

        Encoding.UTF8.GetString(again.Data!).ShouldStartWith("""{"service": "notes-svc", "version": "1.0.0",""");
        var reply = await peer.RequestAsync<byte[], byte[]>("kryten.notes.command", """{"command": "system.ping"}"""u8.ToArray(), cancellationToken: Ct);
        Encoding.UTF8.GetString(reply.Data!).ShouldContain("\"pong\":true");
    }
}
