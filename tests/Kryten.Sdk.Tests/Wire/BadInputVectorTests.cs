using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// bad-inputs.json: the real client, on the in-memory bus, with typed handlers for every event the vectors use
/// (hand-written stand-ins for the generated records) and a raw handler. Each bad message is skipped and counted
/// once, no typed handler runs, and the next good message is handled normally.
/// </summary>
public sealed class BadInputVectorTests
{
    public static TheoryDataNames Names => BadInputs.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_is_skipped_and_counted_and_the_client_goes_on(string name)
    {
        var v = ContractVectors.ByName("bad-inputs.json", name);
        var body = BadInputs.Body(v);
        var subject = v.GetProperty("subject").GetString()!;
        var (client, bus) = await TestClients.StartAsync();
        await using var _ = client;
        var typed = 0;
        var good = new TaskCompletionSource<TestChat>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Count() => Interlocked.Increment(ref typed);
        client.On<TestChat>((m, ctx, ct) =>
        {
            if (m.Msg == "after") good.TrySetResult(m);
            else Count();
            return Task.CompletedTask;
        });
        client.On<TestUserLeave>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestAddUser>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestDelete>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestChangeMedia>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestMediaUpdate>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestQueue>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestUserCount>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestSetCurrent>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestSetLeader>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestPlaylistLocked>((_, _, _) => { Count(); return Task.CompletedTask; });
        client.On<TestPlaylist>((_, _, _) => { Count(); return Task.CompletedTask; });
        var raw = 0;
        client.OnRaw((_, _, _) => { Interlocked.Increment(ref raw); return Task.CompletedTask; });

        await bus.InjectAsync(subject, body);
        await bus.PublishEventAsync("420Grindhouse", "chatMsg", """{"username": "alice", "msg": "after", "meta": {}, "time": 1786731943510}""");

        (await good.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Username.ShouldBe("alice");
        // The typed handler runs before the raw one of the same message: wait until the message is fully dispatched
        // (every handler started) before waiting for the started ones to finish.
        await bus.WhenIdleAsync();
        await client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10));
        typed.ShouldBe(0);
        client.Health().EventsMalformed.ShouldBe(1);
        var category = v.GetProperty("category").GetString();
        if (category is "undecodable" or "invalid-envelope") raw.ShouldBe(1);   // only the good message
        client.Health().State.ShouldBe(KrytenConnectionState.Connected);
    }
}
