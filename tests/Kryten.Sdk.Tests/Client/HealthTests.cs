using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Client;

public sealed class HealthTests
{
    [Fact]
    public void ToString_prints_the_channels_and_every_member()
    {
        var health = new KrytenHealth(KrytenConnectionState.Connected, TimeSpan.FromSeconds(5),
            [
                new KrytenChannelHealth("cytu.be", "Lounge Test", "kryten.events.cytube.lounge-test.>", true, 3),
                new KrytenChannelHealth("example.org", "second", "kryten.events.cytube.second.>", false, 0),
            ],
            3, 1, 0, 0, 4, 0, 5, 1, 2, 0, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(9), null, 2,
            new KrytenBridgeHealth(KrytenBridgeStatus.Running, "robot.startup", DateTimeOffset.UnixEpoch), null);

        var text = health.ToString();

        text.ShouldStartWith("KrytenHealth { State = Connected, Uptime = 00:00:05, Channels = [ ");
        text.ShouldContain(
            "Channels = [ KrytenChannelHealth { Domain = cytu.be, Channel = Lounge Test, Subject = kryten.events.cytube.lounge-test.>, Subscribed = True, EventsReceived = 3 }, " +
            "KrytenChannelHealth { Domain = example.org, Channel = second, Subject = kryten.events.cytube.second.>, Subscribed = False, EventsReceived = 0 } ], EventsReceived = 3, ");
        text.ShouldNotContain("System.Collections");
        // Every public member, as the record's own ToString prints them (a member added later must be printed too).
        foreach (var property in typeof(KrytenHealth).GetProperties()) text.ShouldContain($" {property.Name} = ");
        text.ShouldEndWith(", HandlersRegistered = 2, Bridge = KrytenBridgeHealth { Status = Running, LastLifecycleEvent = robot.startup, " +
            "LastSeen = 01/01/1970 00:00:00 +00:00 }, RobotState = , Errors = 4 }");
    }

    [Fact]
    public async Task A_client_without_channels_prints_an_empty_list()
    {
        await using var client = TestClients.Create(TestClients.Options(), new Kryten.Sdk.Testing.InMemoryKrytenBus());
        client.Health().ToString().ShouldContain("Channels = [], ");
    }
}
