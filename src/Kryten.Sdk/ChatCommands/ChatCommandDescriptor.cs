namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// One chat command as the generator describes it (from <see cref="ChatCommandAttribute"/>, its preconditions, its
/// parameters and its XML doc summary): what the router matches, checks and shows in help.
/// </summary>
/// <example>
/// <code>
/// var roll = new ChatCommandDescriptor(0, "Dice.Roll", "roll", ["r"], "[dice]", "Rolls dice.", ChatCommandSources.Any,
///     minimumRank: null, cooldownSeconds: 0, CooldownScope.User, allowSlash: false, channel: null, domain: null);
/// string usage = roll.Usage("!");   // "!roll [dice]"
/// </code>
/// </example>
public sealed class ChatCommandDescriptor
{
    /// <summary>Creates a descriptor (generated code does).</summary>
    /// <param name="index">Position in the set's table.</param>
    /// <param name="method">The method, as <c>Class.Method</c> (for logs).</param>
    /// <param name="name">The command's name.</param>
    /// <param name="aliases">Other names.</param>
    /// <param name="arguments">The arguments part of the usage line, e.g. <c>&lt;count&gt; [unit]</c>.</param>
    /// <param name="summary">The method's XML doc summary; null when it has none.</param>
    /// <param name="sources">Where it may be typed.</param>
    /// <param name="minimumRank">The rank <see cref="RequireRankAttribute"/> asks for; null for anyone.</param>
    /// <param name="cooldownSeconds">The <see cref="CooldownAttribute"/>; 0 for none.</param>
    /// <param name="cooldownScope">Who shares the cooldown.</param>
    /// <param name="allowSlash">Replies may start with <c>/</c>.</param>
    /// <param name="channel">The channel filter; null for all.</param>
    /// <param name="domain">The domain filter; null for all.</param>
    public ChatCommandDescriptor(int index, string method, string name, IReadOnlyList<string> aliases, string arguments, string? summary,
        ChatCommandSources sources, double? minimumRank, double cooldownSeconds, CooldownScope cooldownScope, bool allowSlash, string? channel, string? domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldownSeconds);
        Index = index;
        Method = method;
        Name = name;
        Aliases = aliases;
        Arguments = arguments;
        Summary = summary;
        Sources = sources;
        MinimumRank = minimumRank;
        Cooldown = cooldownSeconds > 0 ? TimeSpan.FromSeconds(cooldownSeconds) : null;
        CooldownScope = cooldownScope;
        AllowSlash = allowSlash;
        Channel = channel;
        Domain = domain;
    }

    /// <summary>Position in the set's table.</summary>
    public int Index { get; }

    /// <summary>The method, as <c>Class.Method</c>.</summary>
    public string Method { get; }

    /// <summary>The command's name.</summary>
    public string Name { get; }

    /// <summary>Other names the command answers to.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The arguments part of the usage line: <c>&lt;required&gt;</c>, <c>[optional]</c>, <c>&lt;rest…&gt;</c>.</summary>
    public string Arguments { get; }

    /// <summary>The method's XML doc summary; null when it has none.</summary>
    public string? Summary { get; }

    /// <summary>Where the command may be typed.</summary>
    public ChatCommandSources Sources { get; }

    /// <summary>The lowest rank allowed; null for anyone.</summary>
    public double? MinimumRank { get; }

    /// <summary>The cooldown; null for none.</summary>
    public TimeSpan? Cooldown { get; }

    /// <summary>Who shares the cooldown.</summary>
    public CooldownScope CooldownScope { get; }

    /// <summary>Replies may start with <c>/</c>.</summary>
    public bool AllowSlash { get; }

    /// <summary>Only in this channel; null for all.</summary>
    public string? Channel { get; }

    /// <summary>Only in this domain; null for all.</summary>
    public string? Domain { get; }

    /// <summary>The usage line: <paramref name="prefix"/>, the name, then <see cref="Arguments"/>.</summary>
    /// <param name="prefix">The command prefix in force.</param>
    /// <returns>For example <c>!roll [dice]</c>.</returns>
    public string Usage(string prefix) => Arguments.Length == 0 ? prefix + Name : $"{prefix}{Name} {Arguments}";

    /// <inheritdoc/>
    public override string ToString() => Usage("!");
}
