using Kryten.Sdk.Testing;
using Xunit;

namespace KrytenBot.Tests;

/// <summary>The event handlers on the testing package's mock client.</summary>
public sealed class WelcomeHandlersTests
{
    [Fact]
    public async Task A_user_who_joins_is_welcomed()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        mock.Client.AddHandlers(new WelcomeHandlers());

        await mock.EmitAsync("addUser", """{"name": "bob", "rank": 1, "profile": {"image": "", "text": ""}, "meta": {"afk": false, "muted": false}}""");

        var say = await mock.Bus.WaitForCommandAsync("say");
        Assert.Equal("Welcome, bob!", say.Args.GetProperty("message").GetString());
    }
}
