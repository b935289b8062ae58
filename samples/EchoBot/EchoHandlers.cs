using System.Globalization;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Samples.EchoBot;

/// <summary>
/// The bot: <c>!ping</c> → <c>pong</c>, a greeting for every user who joins, <c>!queue &lt;url&gt;</c> to queue media,
/// and <c>!seen &lt;name&gt;</c>, answered from the seen service (samples/SeenService) through the generated
/// <see cref="SeenClient"/>. The Kryten generator implements <see cref="IKrytenHandlerSet"/> for this partial class from
/// its <see cref="KrytenHandlerAttribute"/> methods; commands sent through the context go to the event's channel.
/// </summary>
internal sealed partial class EchoHandlers(TextWriter log, SeenClient seen, TimeProvider clock)
{
    private const string QueuePrefix = "!queue ";
    private const string SeenCommand = "!seen";

    [KrytenHandler]
    public async ValueTask OnChatAsync(ChatMessage message, EventContext context, CancellationToken cancellationToken)
    {
        var text = ChatText.ToPlainText(message.Msg);
        if (text == "!ping")
        {
            Log(context, $"{message.Username}: !ping -> pong");
            await context.Commands.SayAsync("pong", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (text.StartsWith(QueuePrefix, StringComparison.Ordinal))
        {
            await QueueAsync(message.Username, text[QueuePrefix.Length..].Trim(), context, cancellationToken).ConfigureAwait(false);
        }
        else if (text == SeenCommand || text.StartsWith(SeenCommand + " ", StringComparison.Ordinal))
        {
            var answer = await SeenAsync(text[SeenCommand.Length..].Trim(), cancellationToken).ConfigureAwait(false);
            Log(context, $"{message.Username}: {text} -> {answer}");
            await context.Commands.SayAsync(answer, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    [KrytenHandler]
    public async ValueTask OnUserJoinedAsync(UserJoined user, EventContext context, CancellationToken cancellationToken)
    {
        Log(context, $"{user.Name} joined -> greeting");
        await context.Commands.SayAsync($"Welcome to {context.Channel}, {user.Name}!", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask QueueAsync(string user, string link, EventContext context, CancellationToken cancellationToken)
    {
        if (!MediaLinkParser.TryParse(link, out var media))
        {
            await context.Commands.SayAsync($"{user}: I can't queue that link.", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        string answer;
        try
        {
            // The acknowledged form: the bridge answers once CyTube confirmed (queue) or refused (queueFail) the item.
            var queued = await context.Commands.AddVideoAndWaitAsync(media.Type, media.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            answer = queued.Uid is long uid ? $"{user}: queued {media.Type}:{media.Id} as #{uid}." : $"{user}: sent {media.Type}:{media.Id}; CyTube has not confirmed it yet.";
        }
        catch (KrytenCommandException e)
        {
            answer = $"{user}: CyTube refused {media.Type}:{media.Id}: {e.BridgeError}";
        }
        catch (KrytenException e) when (e is KrytenTimeoutException or KrytenNoRespondersException)
        {
            answer = $"{user}: the bridge did not answer; is it running?";
        }
        catch (KrytenException e)
        {
            // Every other way the command did not go through (disconnected, publish failed, client stopping).
            answer = $"{user}: could not queue {media.Type}:{media.Id}: {e.Message}";
        }
        Log(context, $"{user}: !queue {media.Type}:{media.Id} -> {answer}");
        await context.Commands.SayAsync(answer, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<string> SeenAsync(string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0) return "usage: !seen <name>";
        SeenUser user;
        try
        {
            user = await seen.GetAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KrytenServiceException e) when (e.ErrorCode == SeenServiceErrors.RecordNotFound)
        {
            return $"I have not seen {name}";
        }
        catch (KrytenException e) when (e is KrytenTimeoutException or KrytenNoRespondersException)
        {
            return "seen service unavailable";
        }
        catch (KrytenException e)
        {
            // Every other failure (the service's own error, a reply that does not fit the contract, disconnected).
            return $"seen service failed: {e.Message}";
        }
        if (!DateTimeOffset.TryParse(user.LastSeen, CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastSeen))
            return $"seen service failed: last_seen '{user.LastSeen}' is not a time";
        var ago = TimeAgo.Format(clock.GetUtcNow() - lastSeen);
        return user.LastMessage is null ? $"{user.Name} was last seen {ago}" : $"{user.Name} was last seen {ago}: \"{user.LastMessage}\"";
    }

    private void Log(EventContext context, string line)
    {
        lock (log) log.WriteLine($"[echobot {DateTime.UtcNow:HH:mm:ss.fff}] {context.Channel}: {line}");
    }
}
