namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// What a chat command runs with: who sent it (name and live rank), where (channel, chat or PM), the text as typed, a
/// <see cref="ReplyAsync"/> that answers the way the command came, and <see cref="Commands"/> for every typed command
/// of the SDK (replies to the event: same channel, <c>caused_by</c> set).
/// </summary>
/// <example>
/// <code>
/// public sealed partial class Info
/// {
///     /// &lt;summary&gt;Tells you who and where you are.&lt;/summary&gt;
///     [ChatCommand("whoami")]
///     public Task WhoAmI(ChatCommandContext ctx) =&gt;
///         ctx.ReplyAsync($"{ctx.Sender}, rank {ctx.SenderRank?.ToString() ?? "unknown"}, in {ctx.Channel}{(ctx.IsPrivateMessage ? " by PM" : "")}").AsTask();
/// }
/// </code>
/// </example>
public sealed class ChatCommandContext
{
    // Shown instead of nothing in front of a reply that would start with '/': CyTube's trim() keeps it, so the reply is
    // displayed rather than run as a chat command.
    private const string SlashGuard = "\u200B";

    internal ChatCommandContext(ChatCommandDescriptor command, ChatCommandLine line, string sender, double? senderRank,
        bool isPrivateMessage, string text, EventContext evt, string prefix)
    {
        Usage = command.Usage(prefix);
        Command = command;
        Line = line;
        Sender = sender;
        SenderRank = senderRank;
        IsPrivateMessage = isPrivateMessage;
        Text = text;
        Event = evt;
    }

    /// <summary>The command being run.</summary>
    public ChatCommandDescriptor Command { get; }

    /// <summary>The command's usage line with the prefix in force, e.g. <c>!roll [dice]</c>.</summary>
    public string Usage { get; }

    /// <summary>The line as read: name and arguments (<see cref="ChatCommandLine"/>).</summary>
    public ChatCommandLine Line { get; }

    /// <summary>The sender's CyTube name.</summary>
    public string Sender { get; }

    /// <summary>The sender's rank from the channel's live user list; null when the list does not show the sender (or the client keeps no robot state).</summary>
    public double? SenderRank { get; }

    /// <summary>True when the command came by private message.</summary>
    public bool IsPrivateMessage { get; }

    /// <summary>The message as the sender typed it (<see cref="ChatText.ToPlainText"/> of the HTML CyTube sent).</summary>
    public string Text { get; }

    /// <summary>The channel the command came from.</summary>
    public string Channel => Event.Channel;

    /// <summary>The event's metadata: domain, timestamp, correlation id, robot state.</summary>
    public EventContext Event { get; }

    /// <summary>Every typed command of the SDK (<c>SayAsync</c>, <c>PlayNextAsync</c>…), sent as replies to this event.</summary>
    public IKrytenCommandSender Commands => Event.Commands;

    /// <summary>
    /// Answers the way the command came: in the channel's chat, or by PM to the sender. Long text is split and paced like
    /// any chat. A reply starting with <c>/</c> is shown, not run by CyTube, unless the command sets
    /// <see cref="ChatCommandAttribute.AllowSlash"/>.
    /// </summary>
    /// <param name="message">The reply.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the channel's chat queue.</param>
    /// <returns>The request id of the (first piece of the) message.</returns>
    public ValueTask<string> ReplyAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Command.AllowSlash && message.TrimStart().StartsWith('/')) message = SlashGuard + message;
        return ChatCommandRouter.SendAsync(Event, Sender, IsPrivateMessage, message, cancellationToken);
    }
}
