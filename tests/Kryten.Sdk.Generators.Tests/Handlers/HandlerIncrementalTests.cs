using Kryten.Sdk.Generators.Handlers;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>The handler pipeline caches: unrelated edits re-run nothing, a handler edit re-emits only its class.</summary>
public sealed class HandlerIncrementalTests
{
    private const string ChatBot = """
        public partial class ChatBot
        {
            [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
        }
        """;

    private const string JoinBot = """
        public partial class JoinBot
        {
            [KrytenHandler] public Task OnJoin(AddUser u) => Task.CompletedTask;
        }
        """;

    private const string UserSchema = """
        events:
          - cytube: greeting
            record: Greeting
        """;

    private static readonly GeneratorInput Input = GeneratorInput.Empty
        .WithSource("Events.cs", HandlerSources.Events)
        .WithSource("ChatBot.cs", HandlerSources.File(ChatBot))
        .WithSource("JoinBot.cs", HandlerSources.File(JoinBot))
        .WithSource("Unrelated.cs", "public class Unrelated { public int X; }")
        .WithAdditionalFile("kryten/extra.yaml", UserSchema, ("build_metadata.AdditionalFiles.KrytenSchema", "true"))
        .WithGlobalOption("build_property.RootNamespace", "MyBot");

    [Fact]
    public void Second_run_without_changes_is_fully_cached()
    {
        var session = GeneratorSession.Start(Input, new KrytenHandlerGenerator());
        session.Rerun();

        IncrementalAssert.AllCachedOrUnchanged(session.Output, HandlerStepNames.All);
        session.Output.RunResult.Results[0].TrackedOutputSteps
            .SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == Cached || o.Reason == Unchanged);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_locations()
    {
        var session = GeneratorSession.Start(Input, new KrytenHandlerGenerator());

        IncrementalAssert.NoForbiddenObjects(session.Output, HandlerStepNames.All);
    }

    [Fact]
    public void Unrelated_edit_reruns_nothing()
    {
        var session = GeneratorSession.Start(Input, new KrytenHandlerGenerator());
        session.ReplaceSource("Unrelated.cs", "public class Unrelated { public int X; public string Y = \"\"; }");

        IncrementalAssert.AllCachedOrUnchanged(session.Output, HandlerStepNames.All);
    }

    [Fact]
    public void Editing_a_handler_reemits_only_its_class()
    {
        var session = GeneratorSession.Start(Input, new KrytenHandlerGenerator());
        session.ReplaceSource("ChatBot.cs", HandlerSources.File(ChatBot.Replace("ChatMessage m)", "ChatMessage m, CancellationToken ct)", StringComparison.Ordinal)));

        IncrementalAssert.Reasons(session.Output, HandlerStepNames.HandlerMethods).ShouldBe([Modified, Unchanged]);
        IncrementalAssert.Reasons(session.Output, HandlerStepNames.DispatchModels).ShouldBe([Modified, Cached]);
        session.Output.Source("ChatBot.KrytenHandlers.g.cs").ShouldContain("this.OnChat((global::Demo.Events.ChatMessage)evt, cancellationToken)");
    }

    [Fact]
    public void Moving_a_handler_does_not_reemit()
    {
        var session = GeneratorSession.Start(Input, new KrytenHandlerGenerator());
        session.ReplaceSource("ChatBot.cs", HandlerSources.File("\n\n" + ChatBot));

        // The method's location moved (it is kept for diagnostics), but the dispatch model has no locations.
        IncrementalAssert.Reasons(session.Output, HandlerStepNames.HandlerMethods).ShouldBe([Modified, Unchanged]);
        IncrementalAssert.AllCachedOrUnchanged(session.Output, [HandlerStepNames.HandlerClasses, HandlerStepNames.DispatchModels]);
    }

    [Fact]
    public void Editing_the_user_schema_reemits_nothing_unaffected()
    {
        var session = GeneratorSession.Start(Input, new KrytenHandlerGenerator());
        session.ReplaceAdditionalFile("kryten/extra.yaml", UserSchema + "  - cytube: farewell\n    record: Farewell\n");

        IncrementalAssert.Reasons(session.Output, HandlerStepNames.UserSchemaEvents).ShouldBe([Modified]);
        IncrementalAssert.AllCachedOrUnchanged(
            session.Output, [HandlerStepNames.HandlerMethods, HandlerStepNames.HandlerClasses, HandlerStepNames.DispatchModels]);
    }
}
