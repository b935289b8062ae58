using Kryten.Sdk;
using Kryten.Sdk.ChatCommands;

namespace KrytenBot;

/// <summary>
/// The bot's chat commands. The generator turns every [ChatCommand] method of this partial class into a command: it
/// reads the typed arguments (a wrong one is answered with the usage line) and writes !help from the summaries.
/// </summary>
/// <param name="random">Where dice come from (seeded in tests).</param>
internal sealed partial class BotCommands(Random random)
{
    /// <summary>Answers pong.</summary>
    [ChatCommand("ping")]
    public Task Ping(ChatCommandContext ctx, CancellationToken cancellationToken) =>
        ctx.ReplyAsync($"pong, {ctx.Sender}", cancellationToken).AsTask();

    /// <summary>Rolls a die with 6 sides, or as many as asked (2 to 1000).</summary>
    [ChatCommand("roll", Aliases = ["r"])]
    public Task Roll(ChatCommandContext ctx, int sides = 6, CancellationToken cancellationToken = default) =>
        sides is < 2 or > 1000
            ? ctx.ReplyAsync($"{ctx.Sender}: a die has 2 to 1000 sides. Usage: {ctx.Usage}", cancellationToken).AsTask()
            : ctx.ReplyAsync($"{ctx.Sender} rolled {random.Next(1, sides + 1)} (d{sides})", cancellationToken).AsTask();
}
