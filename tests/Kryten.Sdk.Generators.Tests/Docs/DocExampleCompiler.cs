using System.Reflection;
using Kryten.Sdk.Generators.Handlers;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Kryten.Sdk.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// Compiles one example as a bot project would: in the <see cref="DocExampleScaffold"/>, with both Kryten generators
/// running (so <c>[KrytenHandler]</c> classes get their dispatch), against the built Kryten.Sdk and Kryten.Sdk.Testing and
/// the packages they bring along (NATS.Client.Core, Microsoft.Extensions.Logging.Abstractions, ...), nullable enabled.
/// </summary>
public static class DocExampleCompiler
{
    // Not *.g.cs: the compiler treats such files as generated and turns nullable analysis off in them.
    private const string ComposedPath = "DocExample.cs";
    private const string StatementsAfterTypes = "CS8803";

    private static readonly Lazy<IReadOnlyList<string>> PackageReferences = new(LoadPackageReferences);

    /// <summary>
    /// Every error and warning of the example, each as <c>path:line:column: id: message</c> at the example's own file and
    /// line; empty when it compiles cleanly. Warnings count: the repository builds with warnings as errors.
    /// </summary>
    public static IReadOnlyList<string> Problems(DocExample example)
    {
        // The example's own syntax errors first: composing re-parses its parts, which could lose a stray token. Statements
        // after type declarations (CS8803) are not one: the scaffold puts them apart, as in two files.
        var syntax = CSharpSyntaxTree.ParseText(example.Code, GeneratorRunner.ParseOptions).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != StatementsAfterTypes)
            .Select(d => Format(example.Path, example.Line + d.Location.GetLineSpan().StartLinePosition.Line, d))
            .ToArray();
        if (syntax.Length > 0)
        {
            return syntax;
        }

        var output = Compile(example);
        if (output.GeneratorExceptions.Count > 0)
        {
            return [$"{example.Key}: a generator threw: {output.GeneratorExceptions[0]}"];
        }

        return output.GeneratorDiagnostics.Concat(output.CompilationDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d =>
            {
                var mapped = d.Location.GetMappedLineSpan();
                return Format(mapped.Path, mapped.StartLinePosition.Line + 1, d);
            })
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The example in its scaffold, after both generators ran: the compilation a bot project would build.</summary>
    public static GeneratorRunOutput Compile(DocExample example)
    {
        var input = PackageReferences.Value.Aggregate(
            GeneratorInput.Empty.WithSource(ComposedPath, DocExampleScaffold.Compose(example)),
            (i, path) => i.WithReference(path));
        if (example.Schema is { } schema)
        {
            // As a bot project's own <KrytenSchema> file, generated into the project's (the example's) namespace.
            input = input.WithGlobalOption("build_property.RootNamespace", DocExampleScaffold.ExampleNamespace)
                .WithAdditionalFile("/docs/" + example.Path.Replace('/', '_') + ".yaml", schema, (Schema.SchemaTestInputs.SchemaFlag, "true"));
        }

        return GeneratorRunner.Run(input, new KrytenSchemaGenerator(), new KrytenHandlerGenerator(), new Kryten.Sdk.Generators.ChatCommands.ChatCommandGenerator());
    }

    /// <summary>The composed file, for a failure message: what the compiler saw.</summary>
    public static string ComposedSource(DocExample example) => DocExampleScaffold.Compose(example);

    private static string Format(string path, int line, Diagnostic d) =>
        $"{path}:{line}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    // Kryten.Sdk.Testing, Kryten.Sdk.Hosting (with the Generic Host and NATS.Client.Hosting a hosted bot adds) and every
    // non-framework assembly they reference, transitively: what a project referencing the packages compiles against. (Kryten.Sdk itself is in TestReferences.All.)
    private static IReadOnlyList<string> LoadPackageReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([
            typeof(KrytenClient).Assembly, typeof(InMemoryKrytenBus).Assembly, typeof(Kryten.Sdk.Hosting.KrytenHostingExtensions).Assembly,
            typeof(Microsoft.Extensions.Hosting.Host).Assembly, typeof(NATS.Client.Hosting.NatsHostingExtensions).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (string.Equals(Path.GetDirectoryName(assembly.Location), frameworkDirectory, StringComparison.Ordinal)
                || !found.TryAdd(assembly.GetName().Name!, assembly.Location))
            {
                continue;
            }

            foreach (var name in assembly.GetReferencedAssemblies())
            {
                pending.Push(Assembly.Load(name));
            }
        }

        found.Remove(typeof(KrytenClient).Assembly.GetName().Name!);
        return found.Values.Order(StringComparer.Ordinal).ToArray();
    }
}
