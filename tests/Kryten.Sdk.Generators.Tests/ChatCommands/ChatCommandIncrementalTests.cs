using Kryten.Sdk.Generators.ChatCommands;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace Kryten.Sdk.Generators.Tests.ChatCommands;

/// <summary>The chat command pipeline caches: unrelated edits re-run nothing, a command edit re-emits only its class.</summary>
public sealed class ChatCommandIncrementalTests
{
    private const string DiceBot = """
        public partial class DiceBot
        {
            /// <summary>Rolls.</summary>
            [ChatCommand("roll")] public Task Roll(ChatCommandContext ctx, int sides = 6) => Task.CompletedTask;
        }
        """;

    private const string HelloBot = """
        public partial class HelloBot
        {
            [ChatCommand("hello")] public Task Hello(ChatCommandContext ctx) => Task.CompletedTask;
        }
        """;

    private static readonly GeneratorInput Input = GeneratorInput.Empty
        .WithSource("DiceBot.cs", ChatCommandSources.File(DiceBot))
        .WithSource("HelloBot.cs", ChatCommandSources.File(HelloBot))
        .WithSource("Unrelated.cs", "public class Unrelated { public int X; }");

    [Fact]
    public void Second_run_without_changes_is_fully_cached()
    {
        var session = GeneratorSession.Start(Input, new ChatCommandGenerator());
        session.Rerun();

        IncrementalAssert.AllCachedOrUnchanged(session.Output, ChatCommandStepNames.All);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_locations()
    {
        var session = GeneratorSession.Start(Input, new ChatCommandGenerator());

        IncrementalAssert.NoForbiddenObjects(session.Output, ChatCommandStepNames.All);
    }

    [Fact]
    public void Unrelated_edit_reruns_nothing()
    {
        var session = GeneratorSession.Start(Input, new ChatCommandGenerator());
        session.ReplaceSource("Unrelated.cs", "public class Unrelated { public int X; public string Y = \"\"; }");

        IncrementalAssert.AllCachedOrUnchanged(session.Output, ChatCommandStepNames.All);
    }

    [Fact]
    public void Editing_a_command_reemits_only_its_class()
    {
        var session = GeneratorSession.Start(Input, new ChatCommandGenerator());
        session.ReplaceSource("DiceBot.cs", ChatCommandSources.File(DiceBot.Replace("int sides = 6", "int sides = 20", StringComparison.Ordinal)));

        IncrementalAssert.Reasons(session.Output, ChatCommandStepNames.CommandMethods).ShouldBe([Modified, Unchanged]);
        IncrementalAssert.Reasons(session.Output, ChatCommandStepNames.CommandSets).ShouldBe([Modified, Cached]);
        session.Output.Source("DiceBot.KrytenChatCommands.g.cs").ShouldContain(": 20;");
    }

    [Fact]
    public void Moving_a_command_does_not_reemit()
    {
        var session = GeneratorSession.Start(Input, new ChatCommandGenerator());
        session.ReplaceSource("DiceBot.cs", ChatCommandSources.File("\n\n" + DiceBot));

        // The method's location moved (it is kept for diagnostics), but the set model has no locations.
        IncrementalAssert.Reasons(session.Output, ChatCommandStepNames.CommandMethods).ShouldBe([Modified, Unchanged]);
        IncrementalAssert.AllCachedOrUnchanged(session.Output, [ChatCommandStepNames.CommandClasses, ChatCommandStepNames.CommandSets]);
    }
}
