namespace Kryten.Sdk.ChatCommands;

/// <summary>Where refusals (a parse error, a missing rank, a cooldown) and failures are answered.</summary>
public enum ChatReplyTarget
{
    /// <summary>Where the command came from: the channel's chat, or a PM for a command sent by PM.</summary>
    Origin,

    /// <summary>Always by PM to the sender, keeping chat clean.</summary>
    PrivateMessage,
}

/// <summary>
/// How a chat command router reads chat (<see cref="KrytenClient.AddChatCommands(IKrytenChatCommandSet, Action{ChatCommandOptions}?)"/>).
/// The defaults are the safe ones: prefix <c>!</c>, unknown commands ignored, the bot's own messages, chat backlog
/// replayed on join and shadow-muted senders ignored.
/// </summary>
/// <example>
/// <code>
/// using var commands = client.AddChatCommands(new Pinger(), o =&gt;
/// {
///     o.Prefix = "?";
///     o.ErrorReplies = ChatReplyTarget.PrivateMessage;
/// });
///
/// public sealed partial class Pinger
/// {
///     [ChatCommand("ping")]
///     public Task Ping(ChatCommandContext ctx) =&gt; ctx.ReplyAsync("pong").AsTask();
/// }
/// </code>
/// </example>
public sealed class ChatCommandOptions
{
    /// <summary>What starts a command (default <c>!</c>); compared exactly.</summary>
    public string Prefix { get; set; } = "!";

    /// <summary>Where refusals and failures are answered; <see cref="ChatReplyTarget.Origin"/> by default.</summary>
    public ChatReplyTarget ErrorReplies { get; set; } = ChatReplyTarget.Origin;

    /// <summary>When true, an unknown command is answered (<c>alice: no command !x, try !help</c>); ignored by default.</summary>
    public bool AnswerUnknownCommands { get; set; }

    /// <summary>When true (the default), <c>!help</c> and <c>!help &lt;command&gt;</c> answer, unless a command is named <c>help</c>.</summary>
    public bool Help { get; set; } = true;

    /// <summary>
    /// When true (the default), lines from the bot's own CyTube user (<see cref="KrytenChannelState.BotName"/>) are
    /// ignored, so the bot never answers itself.
    /// </summary>
    public bool IgnoreOwnMessages { get; set; } = true;

    /// <summary>
    /// When true (the default), the chat CyTube replays when the bridge joins a channel (<see cref="EventContext.IsBacklog"/>)
    /// runs no command, so a restart does not answer old commands again.
    /// </summary>
    public bool IgnoreBacklog { get; set; } = true;

    /// <summary>When true (the default), messages of shadow-muted senders (<c>meta.shadow</c>, seen by moderator bots) are ignored.</summary>
    public bool IgnoreShadowMuted { get; set; } = true;

    /// <summary>The clock cooldowns are measured on; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
