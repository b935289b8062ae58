using System.Globalization;
using System.Linq;
using Kryten.Sdk.Generators.ChatCommands;
using Kryten.Sdk.Generators.Common;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Writes a command class's <c>IKrytenChatCommandSet</c> implementation: a static descriptor table and a
/// <c>switch</c> over the command index that reads each argument with <c>ChatArgument</c> (enums with a generated
/// switch over their names) and calls the method directly. Members are explicit interface implementations.
/// </summary>
internal static class ChatCommandEmitter
{
    private const string Namespace = "global::Kryten.Sdk.ChatCommands.";
    private const string CommandSet = Namespace + "IKrytenChatCommandSet";
    private const string Descriptor = Namespace + "ChatCommandDescriptor";
    private const string Argument = Namespace + "ChatArgument";
    private const string DescriptorList = "global::System.Collections.Generic.IReadOnlyList<" + Descriptor + ">";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string TableField = "s_krytenChatCommands";

    /// <summary>The generated file for one class.</summary>
    public static SourceText Emit(ChatCommandSetModel model)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCodeStamp.FileHeader);
        writer.WriteLine();

        PartialClassWriter.Open(writer, model.Class, CommandSet);
        WriteTable(writer, model);
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCodeStamp.Attribute);
        writer.WriteLine($"{DescriptorList} {CommandSet}.KrytenChatCommands => {TableField};");
        writer.WriteLine();
        WriteInvoke(writer, model);
        PartialClassWriter.Close(writer, model.Class);

        return writer.ToSourceText();
    }

    private static void WriteTable(SourceWriter writer, ChatCommandSetModel model)
    {
        writer.WriteLine("/// <summary>The chat commands of this class, in declaration order; index = position.</summary>");
        writer.WriteLine(GeneratedCodeStamp.Attribute);
        writer.WriteLine($"private static readonly {DescriptorList} {TableField} = new {Descriptor}[]");
        writer.OpenBlock();
        for (var i = 0; i < model.Commands.Count; i++)
        {
            var c = model.Commands[i];
            var aliases = c.Aliases.Count == 0 ? "global::System.Array.Empty<string>()" : $"new string[] {{ {string.Join(", ", c.Aliases.Select(Literal))} }}";
            var rank = c.MinimumRank is { } r ? Double(r) : "null";
            writer.WriteLine(
                $"new {Descriptor}({Int(i)}, {Literal($"{model.Class.DisplayName}.{c.MethodName}")}, {Literal(c.Name)}, {aliases}, " +
                $"{Literal(Usage(c))}, {Literal(c.Summary)}, ({Namespace}ChatCommandSources){Int(c.Sources)}, {rank}, " +
                $"{Double(c.CooldownSeconds)}, ({Namespace}CooldownScope){Int(c.CooldownScope)}, {Bool(c.AllowSlash)}, {Literal(c.Channel)}, {Literal(c.Domain)}),");
        }

        writer.CloseBlock(";");
    }

    // <required> [optional] <rest…>
    private static string Usage(ChatCommandModel command) =>
        string.Join(" ", command.Parameters.Select(p =>
        {
            var name = p.Kind == ChatParameterKind.Remainder ? p.Name + "…" : p.Name;
            return p.IsOptional ? $"[{name}]" : $"<{name}>";
        }));

    private static void WriteInvoke(SourceWriter writer, ChatCommandSetModel model)
    {
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCodeStamp.Attribute);
        writer.WriteLine(
            $"{ValueTask} {CommandSet}.InvokeKrytenChatCommandAsync(int commandIndex, {Namespace}ChatCommandContext context, global::System.Threading.CancellationToken cancellationToken)");
        writer.OpenBlock();
        writer.WriteLine("var line = context.Line;");
        writer.WriteLine("switch (commandIndex)");
        writer.OpenBlock();
        for (var i = 0; i < model.Commands.Count; i++)
        {
            var c = model.Commands[i];
            writer.WriteLine($"case {Int(i)}:");
            writer.OpenBlock();
            var parameters = c.Parameters;
            if (parameters.Count == 0 || parameters[parameters.Count - 1].Kind != ChatParameterKind.Remainder)
            {
                writer.WriteLine($"{Argument}.NoMoreThan(line, {Int(parameters.Count)});");
            }

            for (var p = 0; p < parameters.Count; p++)
            {
                WriteArgument(writer, parameters[p], p);
            }

            var arguments = (c.TakesContext ? new[] { "context" } : new string[0])
                .Concat(Enumerable.Range(0, parameters.Count).Select(p => "arg" + Int(p)))
                .Concat(c.TakesCancellationToken ? new[] { "cancellationToken" } : new string[0]);
            var call = $"this.{c.MethodName}({string.Join(", ", arguments)})";
            writer.WriteLine(c.ReturnsTask ? $"return new {ValueTask}({call});" : $"return {call};");
            writer.CloseBlock();
        }

        writer.WriteLine("default:");
        writer.Indentation++;
        writer.WriteLine(
            "throw new global::System.ArgumentOutOfRangeException(nameof(commandIndex), commandIndex, \"No Kryten chat command has this index.\");");
        writer.Indentation--;
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteArgument(SourceWriter writer, ChatParameterModel parameter, int index)
    {
        var position = Int(index);
        var name = Literal(parameter.Name);
        var variable = "arg" + position;
        if (parameter.Kind == ChatParameterKind.Remainder)
        {
            writer.WriteLine(parameter.DefaultValue is { } restDefault
                ? $"var {variable} = line.Rest({position}) is {{ Length: > 0 }} rest{position} ? rest{position} : {restDefault};"
                : $"var {variable} = {Argument}.Rest(line, {position}, {name});");
            return;
        }

        if (parameter.Kind == ChatParameterKind.Enum)
        {
            var choices = string.Join(", ", parameter.EnumMembers.Select(m => m.Typed));
            var whenAbsent = parameter.DefaultValue is { } enumDefault ? $"line.Arguments.Count <= {position} ? {enumDefault} : " : string.Empty;
            writer.WriteLine($"var {variable} = {whenAbsent}{Argument}.Text(line, {position}, {name}).ToLowerInvariant() switch");
            writer.OpenBlock();
            foreach (var member in parameter.EnumMembers)
            {
                writer.WriteLine($"{Literal(member.Typed)} => {parameter.Type}.{member.Member},");
            }

            writer.WriteLine($"_ => throw {Argument}.NotOneOf(line, {position}, {name}, {Literal(choices)}),");
            writer.CloseBlock(";");
            return;
        }

        var read = parameter.Kind switch
        {
            ChatParameterKind.Int32 => $"{Argument}.Int32(line, {position}, {name})",
            ChatParameterKind.Int64 => $"{Argument}.Int64(line, {position}, {name})",
            ChatParameterKind.Double => $"{Argument}.Double(line, {position}, {name})",
            ChatParameterKind.Boolean => $"{Argument}.Boolean(line, {position}, {name})",
            ChatParameterKind.Duration => $"{Argument}.Duration(line, {position}, {name})",
            ChatParameterKind.Parsable => $"{Argument}.Parsable<{parameter.Type}>(line, {position}, {name})",
            _ => $"{Argument}.Text(line, {position}, {name})",
        };
        writer.WriteLine(parameter.DefaultValue is { } value
            ? $"{parameter.Type}{(value == "null" ? "?" : "")} {variable} = line.Arguments.Count > {position} ? {read} : {value};"
            : $"var {variable} = {read};");
    }

    private static string Literal(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Bool(bool value) => value ? "true" : "false";
}
