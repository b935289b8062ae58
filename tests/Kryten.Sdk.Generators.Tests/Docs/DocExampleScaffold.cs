using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>
/// Turns one example into a compilable file. The rule, the same for every example:
/// <list type="bullet">
///   <item>The example is parsed as a C# file. Its <c>using</c> directives go to the top of the file; its type declarations
///   (classes, records, structs, interfaces, enums, delegates) go into namespace <see cref="ExampleNamespace"/>; its
///   statements, in their order, become the body of a method of a class in that namespace: <c>async Task</c> when they
///   await, else <c>void</c>, as the compiler makes a top-level program's entry point. So an example may be statements,
///   type declarations, or both in any order, read as two files: the README's "A complete bot" is a handler class, then
///   the <c>// Program.cs</c> statements that use it.</item>
///   <item>That class has the fields named in <see cref="ScaffoldNames"/>, the instances examples call members on:
///   <c>KrytenClient client</c>, <c>KrytenOptions options</c>, <c>EventContext ctx</c>, <c>CancellationToken ct</c> and
///   <c>cancellationToken</c>, and the test doubles <c>InMemoryKrytenBus bus</c> and <c>MockKrytenClient mock</c>. They are
///   fields, so an example that declares its own <c>client</c> or <c>options</c> (as complete ones do) shadows them.</item>
///   <item>Every example sees the implicit usings of a net10.0 project (<see cref="ImplicitUsings"/>). XML doc examples
///   also see the SDK's public namespaces (<see cref="SdkNamespaces"/>), because doc comments leave usings out; Markdown
///   examples are what a user pastes into a file, so they must carry their own.</item>
/// </list>
/// Anything else an example uses, it declares. An example that needs a name the scaffold does not have is fixed, not the
/// scaffold grown. Each part is preceded by a <c>#line</c> directive, so the compiler reports errors at the example's own
/// file and line. Examples are compiled by the Roslyn the generator is built against (4.8, C# 12), so they keep to C# 12.
/// </summary>
public static class DocExampleScaffold
{
    /// <summary>The namespace of the example's types and of the scaffold class.</summary>
    public const string ExampleNamespace = "DocExamples";

    /// <summary>The scaffold class whose method body holds the example's statements.</summary>
    public const string ScaffoldClass = "DocExampleBody";

    /// <summary>The scaffold method that holds the example's statements.</summary>
    public const string ScaffoldMethod = "Run";

    /// <summary>The names (and their types) an example may use without declaring them.</summary>
    public static IReadOnlyList<(string Type, string Name)> ScaffoldNames { get; } =
    [
        ("global::Kryten.Sdk.KrytenClient", "client"),
        ("global::Kryten.Sdk.KrytenOptions", "options"),
        ("global::Kryten.Sdk.EventContext", "ctx"),
        ("global::System.Threading.CancellationToken", "ct"),
        ("global::System.Threading.CancellationToken", "cancellationToken"),
        ("global::Kryten.Sdk.Testing.InMemoryKrytenBus", "bus"),
        ("global::Kryten.Sdk.Testing.MockKrytenClient", "mock"),
    ];

    /// <summary>The global usings the .NET SDK generates for a net10.0 project with ImplicitUsings enabled.</summary>
    public static IReadOnlyList<string> ImplicitUsings { get; } =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    /// <summary>The SDK's public namespaces, imported for XML doc examples.</summary>
    public static IReadOnlyList<string> SdkNamespaces { get; } =
    [
        "Kryten.Sdk", "Kryten.Sdk.Commands", "Kryten.Sdk.Events", "Kryten.Sdk.Serialization", "Kryten.Sdk.Testing", "Kryten.Sdk.Hosting", "Kryten.Sdk.ChatCommands", "Kryten.Sdk.Services",
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The file that compiles <paramref name="example"/>.</summary>
    public static string Compose(DocExample example)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(example.Code, ParseOptions).GetRoot();
        var file = new StringBuilder();
        foreach (var ns in example.Origin == DocExampleOrigin.Markdown ? ImplicitUsings : ImplicitUsings.Concat(SdkNamespaces))
        {
            file.Append("global using ").Append(ns).AppendLine(";");
        }

        foreach (var directive in root.Usings)
        {
            AppendMapped(file, example, directive);
        }

        if (root.Externs.Count > 0 || root.AttributeLists.Count > 0)
        {
            throw new InvalidOperationException($"{example.Key}: an example has no extern aliases or assembly attributes");
        }

        file.AppendLine("#line default");
        file.Append("namespace ").Append(ExampleNamespace).AppendLine();
        file.AppendLine("{");
        foreach (var member in root.Members.Where(m => m is not GlobalStatementSyntax))
        {
            AppendMapped(file, example, member);
        }

        file.AppendLine("#line default");
        file.Append("    internal sealed class ").Append(ScaffoldClass).AppendLine();
        file.AppendLine("    {");
        foreach (var (type, name) in ScaffoldNames)
        {
            // Internal, not private: a field no example reads would be a warning, and examples are compiled warning-free.
            file.Append("        internal ").Append(type).Append(' ').Append(name).AppendLine(" = default!;");
        }

        var statements = root.Members.OfType<GlobalStatementSyntax>().ToArray();
        file.Append("        public ").Append(Awaits(statements) ? "async global::System.Threading.Tasks.Task " : "void ").Append(ScaffoldMethod).AppendLine("()");
        file.AppendLine("        {");
        foreach (var statement in statements)
        {
            AppendMapped(file, example, statement);
        }

        file.AppendLine("#line default");
        file.AppendLine("        }");
        file.AppendLine("    }");
        file.AppendLine("}");
        return file.ToString();
    }

    // The compiler's rule for top-level statements: asynchronous when an await is not inside a lambda or local function.
    // (A synchronous body also lets an example hold a ref struct such as Utf8JsonReader, which C# 12 forbids in async methods.)
    private static bool Awaits(IEnumerable<GlobalStatementSyntax> statements) =>
        statements.SelectMany(s => s.DescendantTokens()).Any(t =>
            t.IsKind(SyntaxKind.AwaitKeyword)
            && !t.Parent!.AncestorsAndSelf().Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

    // Each node keeps its own lines: a #line directive names the example's file and the node's first line in it.
    private static void AppendMapped(StringBuilder file, DocExample example, SyntaxNode node)
    {
        var line = example.Line + node.GetLocation().GetLineSpan().StartLinePosition.Line;
        file.Append("#line ").Append(line).Append(" \"").Append(example.Path).AppendLine("\"");
        file.AppendLine(node.ToString());
    }
}
