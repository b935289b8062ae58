namespace Kryten.BridgeSimulator.Commands;

/// <summary>A robot-handler method: its context and its arguments in, its result out.</summary>
internal delegate HandlerResult CommandHandler(CommandContext context, CommandArgs args);

/// <summary>Where a handler's arguments come from; handlers that read none never fail on a malformed <c>args</c>.</summary>
internal enum ArgumentSource
{
    None,
    Args,
    Payload,
}

/// <summary>
/// The robot handler's dispatch table (wire-contract §3.3): 67 command strings, aliases included, mapped to 49
/// operations. Matching is exact and case-sensitive.
/// </summary>
internal sealed class CommandTable
{
    private readonly Dictionary<string, (CommandHandler Handler, ArgumentSource Source)> _handlers = new(StringComparer.Ordinal);

    public static CommandTable Bridge { get; } = Build();

    public IReadOnlyCollection<string> Commands => _handlers.Keys;

    public CommandTable Add(ArgumentSource source, CommandHandler handler, params string[] commands)
    {
        foreach (var command in commands) _handlers.Add(command, (handler, source));
        return this;
    }

    public bool TryGet(string command, out CommandHandler handler, out ArgumentSource source)
    {
        var found = _handlers.TryGetValue(command, out var entry);
        (handler, source) = entry;
        return found;
    }

    private static CommandTable Build()
    {
        var table = new CommandTable();
        SystemCommands.Register(table);
        LegacyPlaylistCommands.Register(table);
        ChatCommands.Register(table);
        ModerationCommands.Register(table);
        AddVideoCommand.Register(table);
        PlaylistCommands.Register(table);
        ChannelAdminCommands.Register(table);
        PollCommands.Register(table);
        ChannelDataCommands.Register(table);
        return table;
    }
}
