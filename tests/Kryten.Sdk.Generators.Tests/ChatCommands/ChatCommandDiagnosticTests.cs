using Kryten.Sdk.Generators.ChatCommands;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.ChatCommands;

/// <summary>One test per KRY2xx diagnostic, named after its ID.</summary>
public sealed class ChatCommandDiagnosticTests
{
    [Fact]
    public void KRY200_ChatCommandSignatureInvalid()
    {
        var output = Run("""
            public partial class Bot
            {
                [ChatCommand("a")] public static Task Static() => Task.CompletedTask;
                [ChatCommand("b")] public Task Generic<T>() => Task.CompletedTask;
                [ChatCommand("c")] public void ReturnsVoid() { }
                [ChatCommand("d")] public Task ByRef(ref int n) => Task.CompletedTask;
                [ChatCommand("e")] public Task ContextLate(int n, ChatCommandContext ctx) => Task.CompletedTask;
                [ChatCommand("f")] public Task TokenEarly(CancellationToken ct, int n) => Task.CompletedTask;
                [ChatCommand("g")] public Task Fine(ChatCommandContext ctx, int n, CancellationToken ct) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY200", count: 6);
        diagnostics.Select(d => d.GetMessage()).ToArray().ShouldSatisfyAllConditions(
            m => m[0].ShouldContain("'Bot.Static' has an unsupported signature: it is static"),
            m => m[1].ShouldContain("it is generic"),
            m => m[2].ShouldContain("it returns 'void'"),
            m => m[3].ShouldContain("parameter 'n' must be passed by value"),
            m => m[4].ShouldContain("ChatCommandContext 'ctx' must be the first parameter"),
            m => m[5].ShouldContain("CancellationToken 'ct' must be the last parameter"));
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Error);
        LineOf(diagnostics[0]).ShouldBe(Line(output, "Static("));

        // Invalid commands are left out; the valid one is still dispatched.
        output.Source("Bot.KrytenChatCommands.g.cs").ShouldContain("(0, \"Bot.Fine\"");
    }

    [Fact]
    public void KRY201_DuplicateChatCommandName()
    {
        var output = Run("""
            public partial class Bot
            {
                [ChatCommand("roll", Aliases = new[] { "r" })] public Task Roll() => Task.CompletedTask;
                [ChatCommand("R")] public Task Random() => Task.CompletedTask;
                [ChatCommand("dice", Aliases = new[] { "ROLL" })] public Task Dice() => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY201", count: 2);
        diagnostics[0].GetMessage().ShouldContain("'Bot.Roll' and 'Bot.Random' both answer to 'R'");
        diagnostics[1].GetMessage().ShouldContain("'Bot.Roll' and 'Bot.Dice' both answer to 'ROLL'");
        LineOf(diagnostics[0]).ShouldBe(Line(output, "Random("));
        output.GeneratedSources.ShouldBeEmpty();
    }

    [Fact]
    public void KRY202_UnsupportedChatParameterType()
    {
        var output = Run("""
            public partial class Bot
            {
                [ChatCommand("a")] public Task Stream(System.IO.Stream amount) => Task.CompletedTask;
                [ChatCommand("b")] public Task Nullable(int? count) => Task.CompletedTask;
                [ChatCommand("c")] public Task Object(object thing, System.Collections.Generic.List<int> list) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY202", count: 4);
        diagnostics[0].GetMessage().ShouldContain("Parameter 'amount' of chat command 'Bot.Stream' has type 'System.IO.Stream'");
        diagnostics[1].GetMessage().ShouldContain("'count' of chat command 'Bot.Nullable' has type 'int?'");
        diagnostics[2].GetMessage().ShouldContain("'thing'");
        diagnostics[3].GetMessage().ShouldContain("'list'");
    }

    [Fact]
    public void KRY203_RemainderNotLast()
    {
        var output = Run("""
            public partial class Bot
            {
                [ChatCommand("a")] public Task NotLast([Remainder] string text, int n) => Task.CompletedTask;
                [ChatCommand("b")] public Task NotString([Remainder] int n) => Task.CompletedTask;
                [ChatCommand("c")] public Task Fine(int n, [Remainder] string text, CancellationToken ct) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY203", count: 2);
        diagnostics[0].GetMessage().ShouldContain("The [Remainder] parameter 'text' of chat command 'Bot.NotLast' must be its last argument");
        diagnostics[1].GetMessage().ShouldContain("'n' of chat command 'Bot.NotString'");
    }

    [Fact]
    public void KRY204_OptionalChatParameterBeforeRequired()
    {
        var output = Run("""
            public partial class Bot
            {
                [ChatCommand("a")] public Task Roll(int count = 1, int sides = 6, string label = "x") => Task.CompletedTask;
                [ChatCommand("b")] public Task Bad(ChatCommandContext ctx, [Optional, DefaultParameterValue(1)] int count, int sides) => Task.CompletedTask;
            }
            """);

        var diagnostic = Single(output, "KRY204")[0];
        diagnostic.GetMessage().ShouldContain("Optional parameter 'count' of chat command 'Bot.Bad' comes before required parameter 'sides'");
    }

    [Fact]
    public void KRY205_InvalidChatCommandName()
    {
        var output = Run("""
            public partial class Bot
            {
                [ChatCommand("")] public Task Empty() => Task.CompletedTask;
                [ChatCommand("two words", Aliases = new[] { "ok", "tab\there" })] public Task Spaced() => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY205", count: 3);
        diagnostics[0].GetMessage().ShouldContain("'Bot.Empty' has the name or alias ''");
        diagnostics[1].GetMessage().ShouldContain("'two words'");
        diagnostics[2].GetMessage().ShouldContain("'tab\there'");
    }

    [Fact]
    public void KRY102_a_command_class_must_be_partial_as_a_handler_class()
    {
        var output = Run("public class Bot { [ChatCommand(\"a\")] public Task A() => Task.CompletedTask; }");

        Single(output, "KRY102")[0].GetMessage().ShouldContain("Type 'Bot' must be partial");
        output.GeneratedSources.ShouldBeEmpty();
    }

    private static GeneratorRunOutput Run(string code)
    {
        var file = "using System.Runtime.InteropServices;\n" + ChatCommandSources.File(code);
        var output = GeneratorRunner.Run(GeneratorInput.Empty.WithSource("Bot.cs", file), new ChatCommandGenerator());
        output.GeneratorExceptions.ShouldBeEmpty();
        // The user code itself is valid C#: only our diagnostics flag it (the interface is missing where nothing was emitted).
        output.CompilationDiagnostics.ShouldBeEmpty();
        return output;
    }

    private static Diagnostic[] Single(GeneratorRunOutput output, string id, int count = 1)
    {
        output.GeneratorDiagnostics.Select(d => d.Id).Distinct().ShouldBe([id], $"diagnostics: {string.Join("; ", output.GeneratorDiagnostics)}");
        var diagnostics = output.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        diagnostics.Length.ShouldBe(count, string.Join("\n", diagnostics.Select(d => d.ToString())));
        return diagnostics;
    }

    private static int LineOf(Diagnostic diagnostic)
    {
        diagnostic.Location.GetLineSpan().Path.ShouldBe("Bot.cs");
        return diagnostic.Location.GetLineSpan().StartLinePosition.Line;
    }

    private static int Line(GeneratorRunOutput output, string marker)
    {
        var lines = output.InputCompilation.SyntaxTrees.Single(t => t.FilePath == "Bot.cs").ToString().Split('\n');
        return Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
    }
}
