using Kryten.Sdk.Generators.Handlers;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>Snapshots of the emitted dispatch, and proof that it compiles cleanly.</summary>
public sealed class HandlerDispatchTests
{
    private const string EchoBot = """
        namespace Demo.Bots
        {
            public partial class EchoBot
            {
                [KrytenHandler]
                public Task OnChat(ChatMessage message) => Task.CompletedTask;

                [KrytenHandler(Channel = "Lounge \"Test\"", Domain = "cytu.be", Ordered = true)]
                private ValueTask OnChatInLounge(ChatMessage message, CancellationToken cancellationToken) => default;

                [KrytenHandler]
                internal Task OnJoin(AddUser user, EventContext context) => Task.CompletedTask;

                [KrytenHandler(Channel = "Lounge")]
                protected ValueTask OnCount(UserCount count, EventContext context, CancellationToken cancellationToken) => default;

                [KrytenHandler]
                public Task OnEverything(KrytenRawEvent raw) => Task.CompletedTask;

                [KrytenHandler(Event = "partitionChange")]
                public ValueTask OnPartitionChange(KrytenRawEvent raw, EventContext context) => default;

                [KrytenHandler(SkipBacklog = true)]
                public Task OnLiveChat(ChatMessage message, EventContext context) => Task.CompletedTask;
            }
        }
        """;

    private const string NestedAndGeneric = """
        namespace Demo.Bots
        {
            public partial struct Outer
            {
                internal partial class Inner<TState> where TState : class
                {
                    [KrytenHandler]
                    public Task OnChat(ChatMessage message) => Task.CompletedTask;
                }
            }

            public abstract partial record ModerationBot
            {
                [KrytenHandler(Domain = "cytu.be")]
                public abstract ValueTask OnJoin(AddUser user, CancellationToken cancellationToken);
            }
        }

        partial class GlobalBot
        {
            [KrytenHandler]
            public virtual Task OnCount(UserCount count) => Task.CompletedTask;
        }
        """;

    private const string SplitPartOne = """
        namespace Demo.Bots
        {
            public partial class SplitBot
            {
                [KrytenHandler]
                public Task OnChat(ChatMessage message) => Task.CompletedTask;
            }
        }
        """;

    private const string SplitPartTwo = """
        namespace Demo.Bots
        {
            public partial class SplitBot
            {
                [KrytenHandler]
                public Task OnJoin(AddUser user) => Task.CompletedTask;
            }
        }
        """;

    [Fact]
    public void Emits_every_accepted_signature()
    {
        var output = Run(GeneratorInput.Empty.WithSource("EchoBot.cs", HandlerSources.File(EchoBot)));

        output.GeneratedSources.Select(f => f.HintName).ShouldBe(["Demo.Bots.EchoBot.KrytenHandlers.g.cs"]);
        Snapshot.Verify(output);
    }

    [Fact]
    public void Emits_nested_generic_record_and_global_namespace_classes()
    {
        var output = Run(GeneratorInput.Empty.WithSource("Nested.cs", HandlerSources.File(NestedAndGeneric)));

        output.GeneratedSources.Select(f => f.HintName).ShouldBe(
        [
            "Demo.Bots.ModerationBot.KrytenHandlers.g.cs",
            "Demo.Bots.Outer.Inner_1.KrytenHandlers.g.cs",
            "GlobalBot.KrytenHandlers.g.cs",
        ]);
        Snapshot.Verify(output);
    }

    [Fact]
    public void Merges_handlers_of_a_class_split_over_files_in_declaration_order()
    {
        var output = Run(GeneratorInput.Empty
            .WithSource("SplitBot.One.cs", HandlerSources.File(SplitPartOne))
            .WithSource("SplitBot.Two.cs", HandlerSources.File(SplitPartTwo)));

        var source = output.Source("Demo.Bots.SplitBot.KrytenHandlers.g.cs");
        source.ShouldContain("(0, \"SplitBot.OnChat\", global::Kryten.Sdk.Events.KrytenEventInfo.Of<global::Demo.Events.ChatMessage>()");
        source.ShouldContain("(1, \"SplitBot.OnJoin\", global::Kryten.Sdk.Events.KrytenEventInfo.Of<global::Demo.Events.AddUser>()");
    }

    [Fact]
    public void A_class_without_handlers_gets_nothing()
    {
        var output = Run(GeneratorInput.Empty.WithSource("Plain.cs", HandlerSources.File("public partial class Plain { public Task OnChat(ChatMessage m) => Task.CompletedTask; }")));

        output.GeneratedSources.ShouldBeEmpty();
    }

    [Fact]
    public void Broken_user_code_yields_diagnostics_not_exceptions()
    {
        var broken = HandlerSources.File("public partial class Broken { [KrytenHandler] public Task OnChat(ChatMessage m, ) => ; [KrytenHandler] Task }");
        var output = GeneratorRunner.Run(GeneratorInput.Empty.WithSource("Events.cs", HandlerSources.Events).WithSource("Broken.cs", broken), new KrytenHandlerGenerator());

        output.GeneratorExceptions.ShouldBeEmpty();
    }

    private static GeneratorRunOutput Run(GeneratorInput input) =>
        GeneratorRunner.Run(input.WithSource("Events.cs", HandlerSources.Events), new KrytenHandlerGenerator())
            .ShouldCompileCleanly();
}
