using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>
/// A project that references Kryten.Sdk without its generator (a plain ProjectReference) compiles its handler classes
/// without IKrytenHandlerSet; registering one must fail with an error that says what to add, not CS1503.
/// </summary>
public sealed class MissingGeneratorTests
{
    [Fact]
    public void Registering_a_handler_class_the_generator_did_not_see_is_an_error_that_names_the_fix()
    {
        var input = GeneratorInput.Empty.WithSource("Bot.cs", """
            using System;
            using System.Threading.Tasks;
            using Kryten.Sdk;
            using Kryten.Sdk.Events;

            public partial class Bot
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
            }

            public static class Program
            {
                public static void Register(KrytenClient client) => client.AddHandlers(new Bot());
            }
            """);

        var output = GeneratorRunner.Run(input);   // no generator: what a project without the analyzer reference compiles

        var errors = output.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var error = errors.ShouldHaveSingleItem();
        error.Id.ShouldBe("CS0619");
        error.GetMessage().ShouldContain("the Kryten generator did not run");
        error.GetMessage().ShouldContain("OutputItemType=\"Analyzer\"");
    }

    [Fact]
    public void A_generated_handler_set_still_binds_to_the_real_overload()
    {
        var input = GeneratorInput.Empty.WithSource("Bot.cs", """
            using System;
            using System.Threading.Tasks;
            using Kryten.Sdk;
            using Kryten.Sdk.Events;

            public partial class Bot
            {
                [KrytenHandler] public Task OnChat(ChatMessage m) => Task.CompletedTask;
            }

            public static class Program
            {
                public static IDisposable Register(KrytenClient client) => client.AddHandlers(new Bot());
            }
            """);

        GeneratorRunner.Run(input, new Kryten.Sdk.Generators.Handlers.KrytenHandlerGenerator()).ShouldCompileCleanly();
    }
}
