using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace KrytenBot;

/// <summary>
/// The bot's handlers. The Kryten generator turns every [KrytenHandler] method of this partial class into a typed
/// subscription (the first parameter is the event); commands sent through the context go to the event's channel.
/// </summary>
internal sealed partial class PingHandlers
{
    [KrytenHandler]
    public async Task OnChat(ChatMessage message, EventContext context, CancellationToken cancellationToken)
    {
        // CyTube sends chat as HTML: ToPlainText gives back what the user typed.
        if (ChatText.ToPlainText(message.Msg) == "!ping")
        {
            await context.Commands.SayAsync($"pong, {message.Username}", cancellationToken: cancellationToken);
        }
    }

    [KrytenHandler]
    public async Task OnJoin(UserJoined user, EventContext context, CancellationToken cancellationToken) =>
        await context.Commands.SayAsync($"Welcome, {user.Name}!", cancellationToken: cancellationToken);
}
