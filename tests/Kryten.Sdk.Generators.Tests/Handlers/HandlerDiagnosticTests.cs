using Kryten.Sdk.Generators.Handlers;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>One test per KRY1xx diagnostic, named after its ID.</summary>
public sealed class HandlerDiagnosticTests
{
    [Fact]
    public void KRY100_HandlerSignatureInvalid()
    {
        var output = Run("""
            public partial class Bot
            {
                [KrytenHandler] public Task NoEvent() => Task.CompletedTask;
                [KrytenHandler] public Task WrongSecond(ChatMessage m, string text) => Task.CompletedTask;
                [KrytenHandler] public Task TokenNotLast(ChatMessage m, CancellationToken ct, EventContext ctx) => Task.CompletedTask;
                [KrytenHandler] public Task ByRef(in ChatMessage m) => Task.CompletedTask;
                [KrytenHandler] public Task TooMany(ChatMessage m, EventContext ctx, CancellationToken ct, int extra) => Task.CompletedTask;
                [KrytenHandler] public Task Fine(ChatMessage m, EventContext ctx, CancellationToken ct) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY100", count: 5);
        diagnostics.Select(d => d.GetMessage()).ToArray().ShouldSatisfyAllConditions(
            m => m[0].ShouldContain("'Bot.NoEvent'"),
            m => m[0].ShouldContain("takes no event parameter"),
            m => m[1].ShouldContain("'text' is 'string' where EventContext or CancellationToken is expected"),
            m => m[2].ShouldContain("'ct' is 'System.Threading.CancellationToken' where EventContext is expected"),
            m => m[3].ShouldContain("'m' must be passed by value"),
            m => m[4].ShouldContain("takes 4 parameters"));
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Error);
        LineOf(diagnostics[0]).ShouldBe(Line(output, "NoEvent("));

        // Invalid handlers are left out; the valid one is still dispatched.
        output.Source("Bot.KrytenHandlers.g.cs").ShouldContain("(0, \"Bot.Fine\"");
        output.Source("Bot.KrytenHandlers.g.cs").ShouldNotContain("NoEvent");
    }

    [Fact]
    public void KRY101_UnknownEventType()
    {
        var output = Run("""
            public sealed record NotAnEvent(string Text);

            public partial class Bot
            {
                [KrytenHandler] public Task OnThing(NotAnEvent e) => Task.CompletedTask;
                [KrytenHandler] public Task OnText(string e) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY101", count: 2);
        diagnostics[0].GetMessage().ShouldContain("'Bot.OnThing' takes 'NotAnEvent'");
        diagnostics[1].GetMessage().ShouldContain("'Bot.OnText' takes 'string'");
        LineOf(diagnostics[0]).ShouldBe(Line(output, "OnThing("));
    }

    [Fact]
    public void KRY101_UnknownEventType_for_an_unbound_type_not_in_the_user_schema()
    {
        var output = Run(
            "public partial class Bot { [KrytenHandler] public Task OnGreeting(Greting e) => Task.CompletedTask; }",
            UserSchema);

        Single(output, "KRY101")[0].GetMessage().ShouldContain("'Bot.OnGreeting' takes 'Greting'");
    }

    [Fact]
    public void KRY102_ContainingTypeNotPartial()
    {
        var output = Run("""
            public class Outer
            {
                public partial class Bot
                {
                    [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
                    [KrytenHandler] public Task OnJoin(AddUser u) => Task.CompletedTask;
                }
            }

            public class Plain
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY102", count: 2);
        diagnostics[0].GetMessage().ShouldContain("'Outer'");
        diagnostics[1].GetMessage().ShouldContain("'Plain'");
        LineOf(diagnostics[0]).ShouldBe(Line(output, "public class Outer"));
        output.GeneratedSources.ShouldBeEmpty();
    }

    [Fact]
    public void KRY103_HandlerMethodStatic()
    {
        var output = Run("public partial class Bot { [KrytenHandler] public static Task OnChat(ChatMessage m) => Task.CompletedTask; }");

        Single(output, "KRY103")[0].GetMessage().ShouldContain("'Bot.OnChat' is static");
    }

    [Fact]
    public void KRY104_UnsupportedReturnType()
    {
        var output = Run("""
            public partial class Bot
            {
                [KrytenHandler] public void OnChat(ChatMessage m) { }
                [KrytenHandler] public Task<int> OnJoin(AddUser u) => Task.FromResult(1);
                [KrytenHandler] public ValueTask<bool> OnCount(UserCount c) => default;
            }
            """);

        var diagnostics = Single(output, "KRY104", count: 3);
        diagnostics[0].GetMessage().ShouldContain("'Bot.OnChat' returns 'void'");
        diagnostics[1].GetMessage().ShouldContain("returns 'System.Threading.Tasks.Task<int>'");
        diagnostics[2].GetMessage().ShouldContain("returns 'System.Threading.Tasks.ValueTask<bool>'");
    }

    [Fact]
    public void KRY105_EventFilterOnTypedHandler()
    {
        var output = Run("public partial class Bot { [KrytenHandler(Event = \"addUser\")] public Task OnChat(ChatMessage m) => Task.CompletedTask; }");

        Single(output, "KRY105")[0].GetMessage().ShouldContain("sets Event = \"addUser\", but its event is already given by its parameter type 'Demo.Events.ChatMessage'");
    }

    [Fact]
    public void KRY106_GenericHandlerMethod()
    {
        var output = Run("public partial class Bot { [KrytenHandler] public Task OnChat<T>(ChatMessage m) => Task.CompletedTask; }");

        Single(output, "KRY106")[0].GetMessage().ShouldContain("'Bot.OnChat' is generic");
    }

    [Fact]
    public void KRY107_DuplicateHandler()
    {
        var output = Run("""
            public partial class Bot
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
                [KrytenHandler(Channel = "a")] public Task OnChatInA(ChatMessage m) => Task.CompletedTask;
                [KrytenHandler(SkipBacklog = true)] public Task OnLiveChat(ChatMessage m) => Task.CompletedTask;
                [KrytenHandler] public Task OnChatAgain(ChatMessage m, CancellationToken ct) => Task.CompletedTask;
                [KrytenHandler] public Task OnRaw(KrytenRawEvent e) => Task.CompletedTask;
                [KrytenHandler(Event = "chatMsg")] public Task OnRawChat(KrytenRawEvent e) => Task.CompletedTask;
                [KrytenHandler] public Task OnRawAgain(KrytenRawEvent e) => Task.CompletedTask;
            }
            """, compileCleanly: false);

        var diagnostics = Single(output, "KRY107", count: 2);
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostics[0].GetMessage().ShouldContain("'Bot.OnChat' and 'Bot.OnChatAgain' both handle 'chatMsg'");
        diagnostics[1].GetMessage().ShouldContain("'Bot.OnRaw' and 'Bot.OnRawAgain' both handle 'every event'");
        LineOf(diagnostics[0]).ShouldBe(Line(output, "OnChatAgain("));

        // A warning: both handlers are still dispatched.
        output.Source("Bot.KrytenHandlers.g.cs").ShouldContain("(6, \"Bot.OnRawAgain\"");
    }

    [Fact]
    public void KRY108_ContainingTypeNotClass()
    {
        var output = Run("""
            public partial struct StructBot
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
            }

            public partial interface IBot
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
            }

            public static partial class StaticBot
            {
                [KrytenHandler] public static Task OnChat(ChatMessage m) => Task.CompletedTask;
            }
            """);

        // The static class's method is static too: KRY103 comes with it.
        output.GeneratorDiagnostics.Where(d => d.Id == "KRY103").Select(d => d.GetMessage()).ShouldBe(["Handler 'StaticBot.OnChat' is static; Kryten handlers are instance methods of the object passed to the client"]);
        var diagnostics = output.GeneratorDiagnostics.Where(d => d.Id == "KRY108").OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        diagnostics.Length.ShouldBe(3);
        diagnostics[0].GetMessage().ShouldContain("'StructBot' is declared as struct");
        diagnostics[1].GetMessage().ShouldContain("'IBot' is declared as interface");
        diagnostics[2].GetMessage().ShouldContain("'StaticBot' is declared as static class");
        LineOf(diagnostics[0]).ShouldBe(Line(output, "partial struct StructBot"));
        output.GeneratedSources.ShouldBeEmpty();
    }

    [Fact]
    public void KRY109_HandlerBaseClassHasHandlers()
    {
        var output = Run("""
            public partial class BaseBot
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
            }

            public partial class DerivedBot : BaseBot
            {
                [KrytenHandler] public Task OnJoin(AddUser u) => Task.CompletedTask;
            }

            public partial class PlainDerivedBot : BaseBot
            {
            }

            // Like a handler class compiled into another assembly: only the interface is visible there.
            public abstract class HandWrittenSet : IKrytenHandlerSet
            {
                public abstract System.Collections.Generic.IReadOnlyList<KrytenHandlerDescriptor> KrytenHandlers { get; }
                public abstract ValueTask InvokeKrytenHandlerAsync(int handlerIndex, object evt, EventContext context, CancellationToken cancellationToken);
            }

            public abstract partial class OnTopOfHandWritten : HandWrittenSet
            {
                [KrytenHandler] public Task OnJoin(AddUser u) => Task.CompletedTask;
            }
            """);

        var diagnostics = Single(output, "KRY109", count: 2);
        diagnostics[0].GetMessage().ShouldContain("'DerivedBot' declares Kryten handlers and derives from 'BaseBot'");
        diagnostics[1].GetMessage().ShouldContain("'OnTopOfHandWritten' declares Kryten handlers and derives from 'HandWrittenSet'");
        LineOf(diagnostics[0]).ShouldBe(Line(output, "class DerivedBot"));

        // The base keeps its dispatch; a derived class without handlers simply inherits it.
        output.GeneratedSources.Select(f => f.HintName).ShouldBe(["BaseBot.KrytenHandlers.g.cs"]);
    }

    private const string UserSchema = """
        events:
          - cytube: greeting
            record: Greeting
            payload: object
            fields:
              - { json: text, name: Text, type: string }
        """;

    private static GeneratorRunOutput Run(string code, string? userSchema = null, bool compileCleanly = true)
    {
        var input = GeneratorInput.Empty
            .WithSource("Events.cs", HandlerSources.Events)
            .WithSource("Bot.cs", HandlerSources.File(code))
            .WithGlobalOption("build_property.RootNamespace", "MyBot");
        if (userSchema is not null)
        {
            input = input.WithAdditionalFile("kryten/extra.yaml", userSchema, ("build_metadata.AdditionalFiles.KrytenSchema", "true"));
        }

        var output = GeneratorRunner.Run(input, new KrytenHandlerGenerator());
        output.GeneratorExceptions.ShouldBeEmpty();
        if (compileCleanly)
        {
            // The user code itself is valid C#: only our diagnostics flag it.
            output.CompilationDiagnostics.Where(d => !d.Id.StartsWith("CS0246", StringComparison.Ordinal)).ShouldBeEmpty();
        }

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
