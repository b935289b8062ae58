using System.Collections.Concurrent;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// The real client with the generated SDK registry (no hand-written records): every events.json vector reaches
/// typed dispatch as its generated record, and every bad-inputs.json vector is skipped and counted.
/// </summary>
public sealed class GeneratedRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(KrytenClient, InMemoryKrytenBus)> StartAsync()
    {
        var options = TestClients.Options("420Grindhouse", "Lounge Test", "café", "a.b!c", "Q_A");
        var bus = new InMemoryKrytenBus();
        var client = TestClients.Create(options, bus);
        await client.ConnectAsync(Ct);
        return (client, bus);
    }

    [Fact]
    public async Task Every_bridge_event_is_dispatched_with_its_generated_record_or_raw_only()
    {
        var (client, bus) = await StartAsync();
        await using var _ = client;
        var raw = new ConcurrentDictionary<string, KrytenRawEvent>();
        client.OnRaw((e, _, _) => { raw[e.CorrelationId] = e; return Task.CompletedTask; });
        var chats = new ConcurrentDictionary<string, ChatMessage>();
        client.On<ChatMessage>((m, ctx, _) => { chats[ctx.CorrelationId] = m; return Task.CompletedTask; });
        var vectors = ContractVectors.Vectors("events.json");

        foreach (var v in vectors) await bus.InjectAsync(v.GetProperty("subject").GetString()!, Convert.FromBase64String(v.GetProperty("bytes_base64").GetString()!));
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        client.Health().EventsMalformed.ShouldBe(0);
        client.Health().EventsReceived.ShouldBe(vectors.Count);
        raw.Count.ShouldBe(vectors.Count);
        foreach (var v in vectors)
        {
            var env = v.GetProperty("expect").GetProperty("envelope");
            var id = env.GetProperty("correlation_id").GetString()!;
            raw[id].EventName.ShouldBe(env.GetProperty("event_name").GetString());
            var known = Records.TryParse(raw[id].EventName, raw[id].Payload.Span, out var record);
            known.ShouldBe(v.GetProperty("in_catalog").GetBoolean(), v.GetProperty("name").GetString());
            if (raw[id].EventName == "chatMsg")
            {
                chats[id].ShouldBeEquivalentTo((ChatMessage)record!);
            }
        }
        chats.Count.ShouldBe(vectors.Count(v => v.GetProperty("cytube_event").GetString() == "chatMsg"));
    }

    [Theory]
    [MemberData(nameof(BadInputNames))]
    public async Task Every_bad_input_is_skipped_and_counted_with_generated_records(string name)
    {
        var v = ContractVectors.ByName("bad-inputs.json", name);
        var (client, bus) = await StartAsync();
        await using var _ = client;
        var typed = 0;
        client.On<ChatMessage>((m, _, _) => { if (m.Msg != "after") Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<CurrentItemChanged>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<LeaderChanged>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<PlaylistLockChanged>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<MediaChanged>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<PlaylistItemQueued>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<PlaylistReplaced>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<UserLeft>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<UserJoined>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<PlaylistItemDeleted>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<UserCountChanged>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        client.On<MediaUpdated>((_, _, _) => { Interlocked.Increment(ref typed); return Task.CompletedTask; });
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnRaw((e, _, _) => { if (e.CorrelationId == "after") after.TrySetResult(); return Task.CompletedTask; });

        await bus.InjectAsync(v.GetProperty("subject").GetString()!, BadInputs.Body(v));
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "alice", "msg": "after", "meta": {}, "time": 1786731943510}""", correlationId: "after");
        await after.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));

        typed.ShouldBe(0);
        client.Health().EventsMalformed.ShouldBe(1);
    }

    public static TheoryDataNames BadInputNames => BadInputs.Names;
}
