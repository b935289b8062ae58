using Kryten.Sdk;
using Kryten.Sdk.ChatCommands;

namespace Kryten.Samples.DiceBot;

/// <summary>DiceBot's chat commands. Every command is one attributed method; the generator writes the parsing, the dispatch and the help.</summary>
/// <param name="random">Where dice, answers and choices come from (seeded in tests).</param>
public sealed partial class DiceCommands(Random random)
{
    private static readonly string[] Answers =
    [
        "It is certain.", "It is decidedly so.", "Without a doubt.", "Yes definitely.", "You may rely on it.",
        "As I see it, yes.", "Most likely.", "Outlook good.", "Yes.", "Signs point to yes.",
        "Reply hazy, try again.", "Ask again later.", "Better not tell you now.", "Cannot predict now.", "Concentrate and ask again.",
        "Don't count on it.", "My reply is no.", "My sources say no.", "Outlook not so good.", "Very doubtful.",
    ];

    /// <summary>The classic Magic 8-Ball answers.</summary>
    public static IReadOnlyList<string> EightBallAnswers => Answers;

    /// <summary>Rolls NdM dice plus or minus K (1d6 by default).</summary>
    [ChatCommand("roll", Aliases = ["r"])]
    public Task Roll(ChatCommandContext ctx, DiceRoll? dice = null, CancellationToken cancellationToken = default)
    {
        var roll = dice ?? DiceRoll.Default;
        var (total, each) = roll.Roll(random);
        return ctx.ReplyAsync($"{ctx.Sender} rolled {roll}: {total} ({string.Join(", ", each)})", cancellationToken).AsTask();
    }

    /// <summary>Asks the Magic 8-Ball a question.</summary>
    [ChatCommand("8ball")]
    public Task EightBall(ChatCommandContext ctx, [Remainder] string question, CancellationToken cancellationToken = default) =>
        ctx.ReplyAsync($"{ctx.Sender}: {Answers[random.Next(Answers.Length)]}", cancellationToken).AsTask();

    /// <summary>Picks one of the options separated by |.</summary>
    [ChatCommand("choose")]
    public Task Choose(ChatCommandContext ctx, [Remainder] string options, CancellationToken cancellationToken = default)
    {
        var choices = options.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var answer = choices.Length == 0 ? $"{ctx.Sender}: nothing to choose from. Usage: {ctx.Usage}" : choices[random.Next(choices.Length)];
        return ctx.ReplyAsync(answer, cancellationToken).AsTask();
    }

    /// <summary>Skips to the next item of the playlist (moderators).</summary>
    [ChatCommand("skip"), RequireRank(2)]
    public async Task Skip(ChatCommandContext ctx, CancellationToken cancellationToken = default)
    {
        await ctx.Commands.PlayNextAsync(cancellationToken: cancellationToken);
        await ctx.ReplyAsync("skipping", cancellationToken);
    }

    /// <summary>Says ok, at most once every 10 seconds per user.</summary>
    [ChatCommand("cooldown"), Cooldown(10)]
    public Task Cooldown(ChatCommandContext ctx, CancellationToken cancellationToken = default) =>
        ctx.ReplyAsync("ok", cancellationToken).AsTask();
}
