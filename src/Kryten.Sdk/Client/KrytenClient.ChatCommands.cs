using Kryten.Sdk.ChatCommands;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Events;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    /// <summary>
    /// Registers a generated chat command set (a partial class with <see cref="ChatCommandAttribute"/> methods): chat
    /// lines and PMs that start with the prefix run its commands. Each call makes its own router, so register all of a
    /// bot's commands in one class (names are checked for clashes within it). Dispose the result to remove them.
    /// </summary>
    /// <param name="commands">The command set.</param>
    /// <param name="configure">Adjusts the router's <see cref="ChatCommandOptions"/> (prefix, where refusals go…).</param>
    /// <returns>Dispose it to remove the commands.</returns>
    /// <exception cref="ArgumentException">Two commands of the set share a name or alias.</exception>
    /// <example>
    /// <code>
    /// using var commands = client.AddChatCommands(new Pinger(), o =&gt; o.Prefix = "?");
    ///
    /// public sealed partial class Pinger
    /// {
    ///     [ChatCommand("ping")]
    ///     public Task Ping(ChatCommandContext ctx) =&gt; ctx.ReplyAsync("pong").AsTask();
    /// }
    /// </code>
    /// </example>
    public IDisposable AddChatCommands(IKrytenChatCommandSet commands, Action<ChatCommandOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var options = new ChatCommandOptions();
        configure?.Invoke(options);
        var router = new ChatCommandRouter(commands, options, _logger);
        return Register(
        [
            new DelegateEntry<ChatMessage>(router.OnChatAsync, channel: null, domain: null, ordered: false, skipBacklog: options.IgnoreBacklog),
            new DelegateEntry<PrivateMessage>(router.OnPrivateMessageAsync, channel: null, domain: null, ordered: false),
        ]);
    }
}
