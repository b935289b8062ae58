using System.Diagnostics;

namespace Kryten.Sdk.ChatCommands;

/// <summary>Where a chat command may be typed.</summary>
[Flags]
public enum ChatCommandSources
{
    /// <summary>In the channel's chat.</summary>
    Chat = 1,

    /// <summary>In a private message to the bot.</summary>
    PrivateMessage = 2,

    /// <summary>Both.</summary>
    Any = Chat | PrivateMessage,
}

/// <summary>
/// Marks a method of a <c>partial</c> class as a chat command, e.g. <c>!roll 2d6</c>. The Kryten generator emits the
/// argument parsing and the dispatch (no reflection); register the class with
/// <see cref="KrytenClient.AddChatCommands(IKrytenChatCommandSet, Action{ChatCommandOptions}?)"/>.
/// </summary>
/// <remarks>
/// The method returns <see cref="Task"/> or <see cref="ValueTask"/> and takes, in this order: optionally a
/// <see cref="ChatCommandContext"/>; the command's arguments, typed <c>int</c>, <c>long</c>, <c>double</c>, <c>bool</c>,
/// <c>string</c>, an enum, <see cref="TimeSpan"/> (<c>90</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>00:01:30</c>) or any
/// type implementing <see cref="IParsable{TSelf}"/>, optional ones (with a default) after required ones, and a last
/// <c>string</c> marked <see cref="RemainderAttribute"/> for the rest of the line; optionally a last
/// <see cref="CancellationToken"/>. Help comes from the attribute and the method's XML doc summary.
/// The attribute is <see cref="ConditionalAttribute"/>: it never reaches the compiled bot.
/// </remarks>
/// <example>
/// <code>
/// public sealed partial class Greetings
/// {
///     /// &lt;summary&gt;Says hello, n times.&lt;/summary&gt;
///     [ChatCommand("hello", Aliases = ["hi"])]
///     public Task Hello(ChatCommandContext ctx, int times = 1) =&gt;
///         ctx.ReplyAsync(string.Join(" ", Enumerable.Repeat($"hello {ctx.Sender}", Math.Clamp(times, 1, 3)))).AsTask();
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
[Conditional("KRYTEN_SDK_KEEP_ATTRIBUTES")]
public sealed class ChatCommandAttribute : Attribute
{
    /// <summary>Declares the command <paramref name="name"/> (typed after the prefix, compared case-insensitively).</summary>
    /// <param name="name">The command's name, without the prefix.</param>
    public ChatCommandAttribute(string name) => Name = name;

    /// <summary>The command's name, without the prefix.</summary>
    public string Name { get; }

    /// <summary>Other names the command answers to.</summary>
    public string[] Aliases { get; set; } = [];

    /// <summary>Where the command may be typed: chat, private message, or both (the default).</summary>
    public ChatCommandSources From { get; set; } = ChatCommandSources.Any;

    /// <summary>
    /// When true, replies of this command may start with <c>/</c>, which CyTube runs as a chat command (e.g. <c>/me</c>).
    /// Otherwise such a reply is sent with a zero-width space in front, so it is shown and not run.
    /// </summary>
    public bool AllowSlash { get; set; }

    /// <summary>Only in this channel (same rule as <see cref="KrytenHandlerAttribute.Channel"/>); null for all.</summary>
    public string? Channel { get; set; }

    /// <summary>Only in this CyTube domain; null for all.</summary>
    public string? Domain { get; set; }
}

/// <summary>
/// The sender of a chat command needs at least this CyTube rank (0 guest, 1 registered, 1.5 leader, 2 moderator,
/// 3 admin…), read from the channel's live user list (chat and PM events carry no rank). A sender the user list does
/// not show is refused.
/// </summary>
/// <example>
/// <code>
/// public sealed partial class Moderation
/// {
///     [ChatCommand("skip"), RequireRank(2)]
///     public Task Skip(ChatCommandContext ctx) =&gt; ctx.Commands.PlayNextAsync().AsTask();
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
[Conditional("KRYTEN_SDK_KEEP_ATTRIBUTES")]
public sealed class RequireRankAttribute : Attribute
{
    /// <summary>Requires <paramref name="rank"/> or more.</summary>
    /// <param name="rank">The lowest rank allowed.</param>
    public RequireRankAttribute(double rank) => Rank = rank;

    /// <summary>The lowest rank allowed.</summary>
    public double Rank { get; }
}

/// <summary>Who shares a <see cref="CooldownAttribute"/>.</summary>
public enum CooldownScope
{
    /// <summary>Each sender has their own cooldown in each channel.</summary>
    User,

    /// <summary>Everyone in a channel shares one.</summary>
    Channel,

    /// <summary>One for every channel and sender.</summary>
    Global,
}

/// <summary>
/// A chat command runs at most once per <see cref="Seconds"/> per user (or channel, or at all); a use within that time
/// is refused with the time left (<c>alice: wait 7s</c>).
/// </summary>
/// <example>
/// <code>
/// public sealed partial class Fun
/// {
///     [ChatCommand("dance"), Cooldown(30, Per = CooldownScope.Channel)]
///     public Task Dance(ChatCommandContext ctx) =&gt; ctx.ReplyAsync("♪┏(・o･)┛♪").AsTask();
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
[Conditional("KRYTEN_SDK_KEEP_ATTRIBUTES")]
public sealed class CooldownAttribute : Attribute
{
    /// <summary>One use per <paramref name="seconds"/>.</summary>
    /// <param name="seconds">The cooldown, in seconds.</param>
    public CooldownAttribute(double seconds) => Seconds = seconds;

    /// <summary>The cooldown, in seconds.</summary>
    public double Seconds { get; }

    /// <summary>Who shares the cooldown; per user by default.</summary>
    public CooldownScope Per { get; set; } = CooldownScope.User;
}

/// <summary>
/// Marks the last parameter of a chat command, a <c>string</c>, as the rest of the line, exactly as typed
/// (see <see cref="ChatCommandLine.Rest"/>).
/// </summary>
/// <example>
/// <code>
/// public sealed partial class Echo
/// {
///     [ChatCommand("say")]
///     public Task Say(ChatCommandContext ctx, [Remainder] string text) =&gt; ctx.ReplyAsync(text).AsTask();
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
[Conditional("KRYTEN_SDK_KEEP_ATTRIBUTES")]
public sealed class RemainderAttribute : Attribute
{
}
