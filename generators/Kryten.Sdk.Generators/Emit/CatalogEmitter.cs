using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits <c>KrytenCommandCatalog</c>: every command and query as data (<c>Kryten.Sdk.KrytenCommandInfo</c>) with a thin
/// call into its generated waiting method, so a tool can offer every command without a hand-written list. Arguments
/// arrive as text (<c>Kryten.Sdk.KrytenCommandArguments</c>, ordinary runtime code reads them into the method's types);
/// the generated arguments class validates them as for any caller. A command with an argument that text cannot spell
/// (an object) is left out of the catalogue; its methods are generated as usual.
/// </summary>
internal static class CatalogEmitter
{
    private const string Info = "global::Kryten.Sdk.KrytenCommandInfo";
    private const string Parameter = "global::Kryten.Sdk.KrytenCommandParameter";
    private const string Kind = "global::Kryten.Sdk.KrytenParameterKind";

    public static string HintName(string ns) => $"{ns}.KrytenCommandCatalog.g.cs";

    public static string Emit(string ns, EquatableArray<CommandModel> commands)
    {
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {ns}");
        w.OpenBlock();
        w.WriteLine("/// <summary>Every command and query of the Kryten schema as data, for tools that offer them all (the <c>kryten</c> command line).</summary>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>foreach (var command in KrytenCommandCatalog.All) Console.WriteLine(command.Command);</code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine("public static partial class KrytenCommandCatalog");
        w.OpenBlock();
        w.WriteLine("/// <summary>The commands and queries, sorted by method name.</summary>");
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Info}> All {{ get; }} = new {Info}[]");
        w.OpenBlock();
        foreach (var command in commands.Where(c => c.Args.All(a => Reader(a.Type) is not null)))
        {
            WriteEntry(w, command);
        }

        w.CloseBlock(";");
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    /// <summary>The <c>KrytenCommandParameter</c> array of <paramref name="args"/>.</summary>
    internal static string Parameters(EquatableArray<ArgModel> args) => args.Count == 0
        ? $"global::System.Array.Empty<{Parameter}>()"
        : $"new {Parameter}[] {{ {string.Join(", ", args.Select(a => $"new {Parameter}({Names.Literal(a.Name)}, {Names.Literal(a.Json)}, {Kind}.{ParameterKind(a.Type)}, {(a.Required ? "true" : "false")}, {Nullable(a.Doc)})"))} }}";

    private static void WriteEntry(SourceWriter w, CommandModel command)
    {
        var parameters = Parameters(command.Args);
        var method = command.IsQuery ? command.Method + "Async" : command.Method + "AndWaitAsync";
        var values = string.Join(string.Empty, command.Args.Select(a => ", " + Value(a)));
        w.WriteLine($"new {Info}(");
        w.Indentation++;
        w.WriteLine($"{Names.Literal(command.Method)}, {Names.Literal(command.Command)}, {(command.IsQuery ? "true" : "false")}, {Nullable(command.Doc)},");
        w.WriteLine($"{parameters},");
        w.WriteLine($"{command.ReplyTypeInfo},");
        w.WriteLine($"static async (sender, args, channel, domain, timeout, cancellationToken) => await global::{command.Namespace}.KrytenCommands.{method}(sender{values}, channel, domain, timeout, cancellationToken).ConfigureAwait(false)),");
        w.Indentation--;
    }

    /// <summary>The expression reading <paramref name="arg"/> from the text arguments <c>args</c>, with its default or a missing error.</summary>
    internal static string Value(ArgModel arg)
    {
        var read = $"args.{Reader(arg.Type)}({Names.Literal(arg.Name)})";
        if (arg.Required)
        {
            return $"{read} ?? throw args.Missing({Names.Literal(arg.Name)})";
        }

        return arg.DefaultExpr is null or "null" ? read : $"{read} ?? {arg.DefaultExpr}";
    }

    internal static string Nullable(string? text) => text is null ? "null" : Names.Literal(text);

    // The runtime reader of each argument type text can spell; null for the ones it cannot.
    internal static string? Reader(TypeRef type) => type.Kind switch
    {
        ValueKind.String => "Text",
        ValueKind.Bool => "Boolean",
        ValueKind.Int => "Int32",
        ValueKind.Long => "Int64",
        ValueKind.Double => "Double",
        ValueKind.List when type.Element is { Kind: ValueKind.String, Nullable: false } => "TextList",
        ValueKind.Map when type.Element is { Kind: ValueKind.Json, Nullable: false } => "JsonMap",
        ValueKind.Map when type.Element is { Kind: ValueKind.Double, Nullable: false } => "NumberMap",
        _ => null,
    };

    private static string ParameterKind(TypeRef type) => type.Kind switch
    {
        ValueKind.String => "Text",
        ValueKind.Bool => "Boolean",
        ValueKind.Int or ValueKind.Long => "Integer",
        ValueKind.Double => "Number",
        ValueKind.List => "TextList",
        _ => "JsonObject",
    };
}
