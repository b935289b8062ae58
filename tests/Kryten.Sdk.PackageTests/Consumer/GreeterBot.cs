using Kryten.Sdk;

namespace MyBot;

public partial class GreeterBot
{
    [KrytenHandler(Channel = "lobby")]
    public async Task OnGreeting(Greeting greeting, EventContext context, CancellationToken cancellationToken)
    {
        await context.Commands.GreetAsync("re: " + greeting.Text, cancellationToken: cancellationToken);
    }

    [KrytenHandler]
    public ValueTask OnAnything(KrytenRawEvent raw) => ValueTask.CompletedTask;

    // An SDK event: the record comes from Kryten.Sdk.dll in the package, found through its [KrytenEvent] attribute.
    [KrytenHandler(Ordered = true)]
    public Task OnChat(Kryten.Sdk.Events.ChatMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
