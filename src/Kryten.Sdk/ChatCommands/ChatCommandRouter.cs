using System.Globalization;
using System.Threading.RateLimiting;
using Kryten.Sdk.Events;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// Turns chat lines and PMs into calls of one <see cref="IKrytenChatCommandSet"/>'s commands: reads the line
/// (<see cref="ChatCommandLine"/>), finds the command by name or alias, checks where it may run, the sender's live rank
/// and the cooldown, then calls the generated dispatch. Refusals and failures are answered, never thrown.
/// </summary>
internal sealed class ChatCommandRouter
{
    private readonly IKrytenChatCommandSet _set;
    private readonly ChatCommandOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Command> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Command[] _commands;
    private readonly bool _help;
    private volatile bool _stateOff;

    public ChatCommandRouter(IKrytenChatCommandSet set, ChatCommandOptions options, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Prefix);
        _set = set;
        _options = options;
        _logger = logger;
        _commands = set.KrytenChatCommands
            .Select(d => new Command(d, d.Channel is null ? null : KrytenSubjects.Normalize(d.Channel),
                d.Cooldown is { } period ? new ChatCooldowns(period, d.CooldownScope, options.TimeProvider) : null))
            .ToArray();
        foreach (var command in _commands)
        {
            foreach (var name in command.Descriptor.Aliases.Prepend(command.Descriptor.Name))
            {
                if (!_byName.TryAdd(name, command))
                {
                    throw new ArgumentException($"Chat command name '{name}' is used by both {_byName[name].Descriptor.Method} and {command.Descriptor.Method}", nameof(set));
                }
            }
        }
        _help = options.Help && !_byName.ContainsKey("help");
    }

    public ValueTask OnChatAsync(ChatMessage message, EventContext evt, CancellationToken cancellationToken) =>
        message.Meta.Shadow && _options.IgnoreShadowMuted
            ? ValueTask.CompletedTask
            : RouteAsync(message.Username, message.Msg, isPrivateMessage: false, evt, cancellationToken);

    public ValueTask OnPrivateMessageAsync(PrivateMessage message, EventContext evt, CancellationToken cancellationToken) =>
        RouteAsync(message.Username, message.Msg, isPrivateMessage: true, evt, cancellationToken);

    /// <summary>Sends chat, or a PM to <paramref name="sender"/>: how every reply and refusal leaves.</summary>
    internal static ValueTask<string> SendAsync(EventContext evt, string sender, bool privately, string message, CancellationToken cancellationToken) =>
        privately
            ? evt.Commands.SendPrivateMessageAsync(sender, message, cancellationToken: cancellationToken)
            : evt.Commands.SayAsync(message, cancellationToken: cancellationToken);

    private async ValueTask RouteAsync(string sender, string html, bool isPrivateMessage, EventContext evt, CancellationToken cancellationToken)
    {
        var text = ChatText.ToPlainText(html);
        var readable = ChatCommandLine.TryRead(text, _options.Prefix, out var line, out var error);
        if (!readable && error is null) return;   // not a command: the common case, decided without a lookup
        var name = line?.Name ?? NameOf(text);
        var isHelp = _help && string.Equals(name, "help", StringComparison.OrdinalIgnoreCase);
        _byName.TryGetValue(name, out var command);
        if (command is null && !isHelp && !_options.AnswerUnknownCommands) return;
        if (_options.IgnoreOwnMessages && IsOwn(sender, evt)) return;

        var request = new Request(sender, isPrivateMessage, evt);
        if (isHelp)
        {
            await HelpAsync(request, line, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (command is null || !command.Matches(evt))
        {
            if (_options.AnswerUnknownCommands) await RefuseAsync(request, $"no command {_options.Prefix}{name}, try {_options.Prefix}help", cancellationToken).ConfigureAwait(false);
            return;
        }

        var descriptor = command.Descriptor;
        if (!descriptor.Sources.HasFlag(isPrivateMessage ? ChatCommandSources.PrivateMessage : ChatCommandSources.Chat))
        {
            await RefuseAsync(request, $"{_options.Prefix}{descriptor.Name} works only {(isPrivateMessage ? "in chat" : "by PM")}", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (line is null)
        {
            await RefuseAsync(request, $"{error}. Usage: {descriptor.Usage(_options.Prefix)}", cancellationToken).ConfigureAwait(false);
            return;
        }
        var rank = await RankAsync(sender, evt, cancellationToken).ConfigureAwait(false);
        if (descriptor.MinimumRank is { } minimum && !(rank >= minimum))
        {
            await RefuseAsync(request, $"you need rank {minimum.ToString(CultureInfo.InvariantCulture)} for {_options.Prefix}{descriptor.Name}", cancellationToken).ConfigureAwait(false);
            return;
        }

        ChatCooldown? cooldown = null;
        if (command.Cooldowns is { } cooldowns)
        {
            (cooldown, var lease) = cooldowns.Acquire(KrytenSubjects.Normalize(evt.Channel), evt.Domain.ToLowerInvariant(), sender);
            using (lease)
            {
                if (!lease.IsAcquired)
                {
                    var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var left) ? left : descriptor.Cooldown!.Value;
                    await RefuseAsync(request, $"wait {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s", cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }

        var context = new ChatCommandContext(descriptor, line, sender, rank, isPrivateMessage, text, evt, _options.Prefix);
        try
        {
            await _set.InvokeKrytenChatCommandAsync(descriptor.Index, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ChatArgumentException e)
        {
            cooldown?.GiveBack();   // the command did not run: a typo must not cost the sender a use
            await RefuseAsync(request, $"{e.Message}. Usage: {descriptor.Usage(_options.Prefix)}", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            ChatCommandLog.CommandFailed(_logger, e, descriptor.Method, sender, evt.Channel);
            await RefuseAsync(request, $"sorry, {_options.Prefix}{descriptor.Name} failed", cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask HelpAsync(Request request, ChatCommandLine? line, CancellationToken cancellationToken)
    {
        var rank = await RankAsync(request.Sender, request.Event, cancellationToken).ConfigureAwait(false);
        var usable = _commands.Where(c => c.Matches(request.Event) && c.Descriptor.Sources.HasFlag(request.Source)
            && (c.Descriptor.MinimumRank is not { } minimum || rank >= minimum)).ToList();
        var prefix = _options.Prefix;
        if (line is not { Arguments.Count: > 0 })
        {
            var names = usable.Select(c => prefix + c.Descriptor.Name).Append(prefix + "help");
            await ReplyAsync(request, $"commands: {string.Join(", ", names)} ({prefix}help <command> for more)", cancellationToken).ConfigureAwait(false);
            return;
        }

        var asked = line.Arguments[0].StartsWith(prefix, StringComparison.Ordinal) ? line.Arguments[0][prefix.Length..] : line.Arguments[0];
        if (!_byName.TryGetValue(asked, out var command) || !usable.Contains(command))
        {
            await ReplyAsync(request, $"{request.Sender}: no command {prefix}{asked}", cancellationToken).ConfigureAwait(false);
            return;
        }
        var d = command.Descriptor;
        var aliases = d.Aliases.Count == 0 ? "" : $" (also {string.Join(", ", d.Aliases.Select(a => prefix + a))})";
        var summary = d.Summary is null ? "" : " — " + d.Summary;
        await ReplyAsync(request, d.Usage(prefix) + aliases + summary, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RefuseAsync(Request request, string reason, CancellationToken cancellationToken) =>
        await SendAsync(request.Event, request.Sender, request.IsPrivateMessage || _options.ErrorReplies == ChatReplyTarget.PrivateMessage,
            $"{request.Sender}: {reason}", cancellationToken).ConfigureAwait(false);

    private static async ValueTask ReplyAsync(Request request, string text, CancellationToken cancellationToken) =>
        await SendAsync(request.Event, request.Sender, request.IsPrivateMessage, text, cancellationToken).ConfigureAwait(false);

    // The name of a command whose line cannot be read (a quote not closed): the text from the prefix to white space.
    private string NameOf(string text)
    {
        var start = text.AsSpan().TrimStart()[_options.Prefix.Length..];
        var end = 0;
        while (end < start.Length && !char.IsWhiteSpace(start[end])) end++;
        return start[..end].ToString();
    }

    private bool IsOwn(string sender, EventContext evt) =>
        State(evt)?.BotName is { } bot && string.Equals(bot, sender, StringComparison.OrdinalIgnoreCase);

    // The live rank from the robot state; null when the state is off, absent, or does not list the sender.
    private async ValueTask<double?> RankAsync(string sender, EventContext evt, CancellationToken cancellationToken)
    {
        if (State(evt) is not { } state) return null;
        try
        {
            return (await state.FindUserAsync(sender, cancellationToken).ConfigureAwait(false))?.Rank;
        }
        catch (KrytenStateException)
        {
            return null;
        }
    }

    // A client that keeps no state says so once: the router then stops asking (an exception per command otherwise).
    private KrytenChannelState? State(EventContext evt)
    {
        if (_stateOff) return null;
        try
        {
            return evt.ChannelState;
        }
        catch (KrytenStateException e)
        {
            _stateOff = e.Reason == KrytenStateReason.Off;
            return null;
        }
    }

    private readonly record struct Request(string Sender, bool IsPrivateMessage, EventContext Event)
    {
        public ChatCommandSources Source => IsPrivateMessage ? ChatCommandSources.PrivateMessage : ChatCommandSources.Chat;
    }

    private sealed record Command(ChatCommandDescriptor Descriptor, string? ChannelToken, ChatCooldowns? Cooldowns)
    {
        // The handler rule: normalize(filter) == normalize(event channel); domains compare case-insensitively.
        public bool Matches(EventContext evt) =>
            (ChannelToken is null || string.Equals(ChannelToken, KrytenSubjects.Normalize(evt.Channel), StringComparison.Ordinal))
            && (Descriptor.Domain is null || string.Equals(Descriptor.Domain, evt.Domain, StringComparison.OrdinalIgnoreCase));
    }
}
