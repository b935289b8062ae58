using System.Globalization;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Handlers;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Writes a handler class's <c>IKrytenHandlerSet</c> implementation: a static descriptor table and a
/// <c>switch</c> over the handler index with direct calls (Task results wrapped in ValueTask).
/// Members are explicit interface implementations so they never clash with the user's own members.
/// </summary>
internal static class DispatchEmitter
{
    private const string HandlerSet = "global::Kryten.Sdk.IKrytenHandlerSet";
    private const string Descriptor = "global::Kryten.Sdk.KrytenHandlerDescriptor";
    private const string DescriptorList = "global::System.Collections.Generic.IReadOnlyList<global::Kryten.Sdk.KrytenHandlerDescriptor>";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string EventContext = "global::Kryten.Sdk.EventContext";
    private const string CancellationToken = "global::System.Threading.CancellationToken";
    private const string EventInfo = "global::Kryten.Sdk.Events.KrytenEventInfo";
    private const string TableField = "s_krytenHandlers";

    /// <summary>The generated file for one class.</summary>
    public static SourceText Emit(DispatchModel model)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCodeStamp.FileHeader);
        writer.WriteLine();

        PartialClassWriter.Open(writer, model.Class, HandlerSet);
        WriteTable(writer, model);
        writer.WriteLine();
        WriteProperty(writer);
        writer.WriteLine();
        WriteInvoke(writer, model);
        PartialClassWriter.Close(writer, model.Class);

        return writer.ToSourceText();
    }

    private static void WriteTable(SourceWriter writer, DispatchModel model)
    {
        writer.WriteLine("/// <summary>The handlers of this class, in declaration order; index = position.</summary>");
        writer.WriteLine(GeneratedCodeStamp.Attribute);
        writer.WriteLine($"private static readonly {DescriptorList} {TableField} = new {Descriptor}[]");
        writer.OpenBlock();
        for (var i = 0; i < model.Handlers.Count; i++)
        {
            var h = model.Handlers[i];
            var name = Literal($"{model.Class.DisplayName}.{h.MethodName}");
            var raw = h.Kind == HandlerEventKind.Raw;
            var evt = raw ? "null" : $"{EventInfo}.Of<{h.EventType}>()";
            writer.WriteLine(
                $"new {Descriptor}({i.ToString(CultureInfo.InvariantCulture)}, {name}, {evt}, {(raw ? Literal(h.EventName) : "null")}, " +
                $"{Literal(h.Channel)}, {Literal(h.Domain)}, {Bool(h.Ordered)}){(h.SkipBacklog ? " { SkipBacklog = true }" : string.Empty)},");
        }

        writer.CloseBlock(";");
    }

    private static void WriteProperty(SourceWriter writer)
    {
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCodeStamp.Attribute);
        writer.WriteLine($"{DescriptorList} {HandlerSet}.KrytenHandlers => {TableField};");
    }

    private static void WriteInvoke(SourceWriter writer, DispatchModel model)
    {
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCodeStamp.Attribute);
        writer.WriteLine(
            $"{ValueTask} {HandlerSet}.InvokeKrytenHandlerAsync(int handlerIndex, object evt, {EventContext} context, {CancellationToken} cancellationToken)");
        writer.OpenBlock();
        writer.WriteLine("switch (handlerIndex)");
        writer.OpenBlock();
        for (var i = 0; i < model.Handlers.Count; i++)
        {
            var h = model.Handlers[i];
            var arguments = $"({h.EventType})evt"
                + (h.TakesContext ? ", context" : string.Empty)
                + (h.TakesCancellationToken ? ", cancellationToken" : string.Empty);
            var call = $"this.{h.MethodName}({arguments})";
            writer.WriteLine($"case {i.ToString(CultureInfo.InvariantCulture)}:");
            writer.Indentation++;
            writer.WriteLine(h.ReturnsTask ? $"return new {ValueTask}({call});" : $"return {call};");
            writer.Indentation--;
        }

        writer.WriteLine("default:");
        writer.Indentation++;
        writer.WriteLine(
            "throw new global::System.ArgumentOutOfRangeException(nameof(handlerIndex), handlerIndex, \"No Kryten handler has this index.\");");
        writer.Indentation--;
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string Literal(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Bool(bool value) => value ? "true" : "false";
}
