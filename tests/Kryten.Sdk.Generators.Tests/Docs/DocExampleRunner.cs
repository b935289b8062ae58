using System.Reflection;
using System.Runtime.Loader;
using Shouldly;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// Runs an example that needs nothing from the scaffold, such as the generated <c>var args = new MoveVideoArgs(...)</c>:
/// compiling proves the call has the right shape, running proves its values keep the schema's rules (the args
/// constructors validate, and an example that throws <c>KrytenValidationException</c> teaches a call that fails).
/// </summary>
public static class DocExampleRunner
{
    /// <summary>Compiles <paramref name="example"/>, loads it beside the SDK this process runs, and calls its body once.</summary>
    public static void Run(DocExample example)
    {
        var problems = DocExampleCompiler.Problems(example);
        problems.ShouldBeEmpty($"{example.Key} must compile before it can run");
        using var image = new MemoryStream();
        var emitted = DocExampleCompiler.Compile(example).OutputCompilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));

        // Collectible, and without a resolver of its own: Kryten.Sdk and its dependencies come from the default context,
        // so the example runs against the very assembly the test compiled it against.
        var context = new AssemblyLoadContext(example.Key, isCollectible: true);
        try
        {
            image.Position = 0;
            var body = context.LoadFromStream(image).GetType($"{DocExampleScaffold.ExampleNamespace}.{DocExampleScaffold.ScaffoldClass}", throwOnError: true)!;
            var run = body.GetMethod(DocExampleScaffold.ScaffoldMethod)!;
            run.ReturnType.ShouldBe(typeof(void), $"{example.Key} awaits; only synchronous examples are run");
            try
            {
                run.Invoke(Activator.CreateInstance(body), null);
            }
            catch (TargetInvocationException e)
            {
                throw new ShouldAssertException($"Running the example at {example.Key} threw:\n{e.InnerException}\n\nThe example:\n{example.Code}");
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
