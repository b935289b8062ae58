using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace KrytenBot;

/// <summary>
/// The bot's event handlers. The Kryten generator turns every [KrytenHandler] method of this partial class into a typed
/// subscription (the first parameter is the event); commands sent through the context go to the event's channel.
/// </summary>
internal sealed partial class WelcomeHandlers
{
    [KrytenHandler]
    public async Task OnJoin(UserJoined user, EventContext context, CancellationToken cancellationToken) =>
        await context.Commands.SayAsync($"Welcome, {user.Name}!", cancellationToken: cancellationToken);
}
