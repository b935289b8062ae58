using System.Collections.Generic;
using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits one command: its validated args class (<c>IKrytenCommandArgs</c>) and the extension methods on
/// <c>IKrytenCommandSender</c> — <c>{Method}Async</c> (fire-and-forget, returns the correlation id) and
/// <c>{Method}AndWaitAsync</c> (typed reply); a query gets only <c>{Method}Async</c> with the typed reply.
/// </summary>
internal static class CommandEmitter
{
    public static string HintName(CommandModel model) => $"{model.Namespace}.KrytenCommands.{model.Method}.g.cs";

    public static string ClassHintName(string ns) => $"{ns}.KrytenCommands.g.cs";

    /// <summary>The documented declaration of the partial class every command file adds methods to.</summary>
    public static string EmitClass(string ns) =>
        $$"""
        {{GeneratedCodeStamp.FileHeader}}

        namespace {{ns}};

        /// <summary>
        /// Generated command and query methods: one per operation of the Kryten schema, as extension methods on
        /// <see cref="global::Kryten.Sdk.IKrytenCommandSender"/>. Arguments are validated before anything is sent.
        /// </summary>
        /// <example>
        /// <code>
        /// string correlationId = await client.SayAsync("hello");
        /// </code>
        /// </example>
        {{GeneratedCodeStamp.Attribute}}
        public static partial class KrytenCommands
        {
        }

        """;

    public static string Emit(CommandModel model)
    {
        var code = new JsonCode();
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        var argsClass = $"global::{model.ArgsNamespace}.{model.Method}Args";
        if (model.Args.Count > 0)
        {
            EmitArgsClass(w, model, code);
            w.WriteLine();
        }

        w.WriteLine($"namespace {model.Namespace}");
        w.OpenBlock();
        w.WriteLine("public static partial class KrytenCommands");
        w.OpenBlock();
        var parameters = string.Join(string.Empty, model.Args.Select(a => $", {Names.CSharp(a.Type)} {a.Name}{(a.Required ? string.Empty : " = " + a.DefaultExpr)}"));
        var argsExpr = model.Args.Count == 0 ? "null" : $"new {argsClass}({string.Join(", ", model.Args.Select(a => a.Name))})";
        var placement = model.Placement == ArgsPlacement.TopLevel ? "TopLevel" : "Args";
        var build = $"new global::Kryten.Sdk.KrytenCommand({Names.Literal(model.Command)}, {argsExpr}, channel, domain, global::Kryten.Sdk.KrytenArgsPlacement.{placement})";
        if (!model.IsQuery)
        {
            WriteDocs(w, model, waiting: false);
            w.WriteLine($"public static global::System.Threading.Tasks.ValueTask<string> {model.Method}Async(this {Names.Sender} sender{parameters}, string? channel = null, string? domain = null, {Names.CancellationToken} cancellationToken = default)");
            w.OpenBlock();
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(sender);");
            w.WriteLine($"return sender.SendCommandAsync({build}, cancellationToken);");
            w.CloseBlock();
            w.WriteLine();
        }

        var waitName = model.IsQuery ? model.Method + "Async" : model.Method + "AndWaitAsync";
        WriteDocs(w, model, waiting: true);
        w.WriteLine($"public static global::System.Threading.Tasks.ValueTask<{model.ReplyFqn}> {waitName}(this {Names.Sender} sender{parameters}, string? channel = null, string? domain = null, {Names.TimeSpan}? timeout = null, {Names.CancellationToken} cancellationToken = default)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(sender);");
        w.WriteLine($"return sender.SendCommandAndWaitAsync({build}, {model.ReplyTypeInfo}, timeout, cancellationToken);");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static void WriteDocs(SourceWriter w, CommandModel model, bool waiting)
    {
        w.WriteLine($"/// <summary>{(model.Doc is null ? $"Sends the bridge command <c>{Names.Xml(model.Command)}</c>." : Names.Xml(model.Doc))}</summary>");
        var remarks = new List<string> { $"Bridge command <c>{Names.Xml(model.Command)}</c> on the command subject." };
        if (model.Frame is { } frame)
        {
            remarks.Add($"CyTube frame: <c>{Names.Xml(frame)}</c>.");
        }

        if (model.Rank is { } rank)
        {
            remarks.Add($"Needs CyTube rank {Names.Xml(rank)}.");
        }

        if (model.Args.Any(a => a.ChatText))
        {
            remarks.Add(waiting
                ? "Chat and PMs are queued per channel and paced like CyTube's antiflood (<c>chat.burst</c>, <c>chat.sustained</c>); this waits for the message's turn and the bridge's reply to every piece."
                : "Chat and PMs are queued per channel and paced like CyTube's antiflood (<c>chat.burst</c>, <c>chat.sustained</c>); this returns once the message is queued, and one that cannot be sent is logged and counted in <c>KrytenHealth.ChatNotSent</c>.");
        }

        if (model.Remarks is { } extra)
        {
            remarks.Add(Names.Xml(extra));
        }

        w.WriteLine($"/// <remarks>{string.Join(" ", remarks)}</remarks>");
        w.WriteLine("/// <param name=\"sender\">The command sender (a Kryten client, or an event context's <c>Commands</c>).</param>");
        foreach (var arg in model.Args)
        {
            w.WriteLine($"/// <param name=\"{arg.Name}\">{ArgDoc(arg)}</param>");
        }

        w.WriteLine("/// <param name=\"channel\">Target channel; null for the context's or the only configured channel.</param>");
        w.WriteLine("/// <param name=\"domain\">Target CyTube domain; null for the channel's configured domain.</param>");
        var chat = model.Args.Any(a => a.ChatText);
        if (waiting)
        {
            w.WriteLine("/// <param name=\"timeout\">How long to wait for the bridge's reply; null for the client's default.</param>");
            w.WriteLine("/// <param name=\"cancellationToken\">Cancels sending and waiting.</param>");
            w.WriteLine("/// <returns>The bridge's reply data.</returns>");
            w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenCommandException\">The bridge answered with a failure.</exception>");
            w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenTimeoutException\">No reply arrived in time.</exception>");
            w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenNoRespondersException\">Nobody listens on the command subject: no bridge is running.</exception>");
            w.WriteLine(chat
                ? "/// <exception cref=\"global::Kryten.Sdk.KrytenConnectionException\">The client is not connected, or stopped before the message's turn came.</exception>"
                : "/// <exception cref=\"global::Kryten.Sdk.KrytenConnectionException\">The client is not connected, or has stopped.</exception>");
        }
        else
        {
            w.WriteLine("/// <param name=\"cancellationToken\">Cancels sending.</param>");
            if (chat)
            {
                w.WriteLine("/// <returns>The correlation id of the message (its first piece, if split), once it is queued.</returns>");
                w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenConnectionException\">The client is not connected, or is stopping.</exception>");
            }
            else
            {
                w.WriteLine("/// <returns>The request's correlation id.</returns>");
                w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenConnectionException\">The client is not connected, or has stopped.</exception>");
                w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenPublishException\">Publishing failed after every retry (NATS stayed disconnected past <c>nats.reconnectBufferTimeout</c>).</exception>");
            }
        }

        w.WriteLine(model.Args.Count > 0
            ? $"/// <exception cref=\"{Names.ValidationException}\">An argument breaks a schema rule, or no channel can be chosen; nothing was sent.</exception>"
            : $"/// <exception cref=\"{Names.ValidationException}\">No channel can be chosen (several are configured and none was given); nothing was sent.</exception>");
        w.WriteLine(waiting
            ? "/// <exception cref=\"global::Kryten.Sdk.KrytenException\">The base of every exception above: catch it for \"the command did not go through\". Thrown itself when the reply's data does not fit the reply type.</exception>"
            : "/// <exception cref=\"global::Kryten.Sdk.KrytenException\">The base of every exception above: catch it for \"the command did not go through\".</exception>");

        // Examples call the method on a client, as bots do; the docs tests compile them with a KrytenClient named client.
        var call = model.Example ?? $"await client.{(waiting && !model.IsQuery ? model.Method + "AndWaitAsync" : model.Method + "Async")}({string.Join(", ", model.Args.Where(a => a.Required).Select(CommandSamples.For))})";
        if (model.Example is not null && waiting && !model.IsQuery)
        {
            call = call.Replace(model.Method + "Async(", model.Method + "AndWaitAsync(");
        }

        w.WriteLine("/// <example>");
        w.WriteLine($"/// <code>var result = {Names.Xml(call.TrimEnd(';'))};</code>");
        w.WriteLine("/// </example>");
    }

    internal static string ArgDoc(ArgModel arg)
    {
        var parts = new List<string> { arg.Doc is null ? $"The <c>{Names.Xml(arg.Json)}</c> argument." : Names.Xml(arg.Doc) };
        foreach (var rule in arg.Rules)
        {
            parts.Add(rule.Kind switch
            {
                "notEmpty" => "Must not be empty.",
                "maxLength" => $"At most {rule.Values[0]} characters.",
                "maxBytes" => $"At most {rule.Values[0]} UTF-8 bytes.",
                "enum" => $"One of {Names.Xml(string.Join(", ", rule.Values))}.",
                "range" => $"Within {Names.Xml(string.Join(", ", rule.Values))}.",
                _ => $"Matches <c>{Names.Xml(rule.Values[0])}</c>.",
            });
        }

        return string.Join(" ", parts);
    }

    private static void EmitArgsClass(SourceWriter w, CommandModel model, JsonCode code)
    {
        w.WriteLine($"namespace {model.ArgsNamespace}");
        w.OpenBlock();
        w.WriteLine($"/// <summary>The arguments of the bridge command <c>{Names.Xml(model.Command)}</c>, validated when constructed.</summary>");
        w.WriteLine("/// <example>");
        w.WriteLine($"/// <code>var args = new {model.Method}Args({string.Join(", ", model.Args.Where(a => a.Required).Select(a => Names.Xml(CommandSamples.For(a))))});</code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        var chatText = model.Args.FirstOrDefault(a => a.ChatText);
        w.WriteLine($"public sealed class {model.Method}Args : global::Kryten.Sdk.{(chatText is null ? "IKrytenCommandArgs" : "IKrytenChatArgs")}");
        w.OpenBlock();
        w.WriteLine("/// <summary>Validates and captures the arguments.</summary>");
        foreach (var arg in model.Args)
        {
            w.WriteLine($"/// <param name=\"{arg.Name}\">{ArgDoc(arg)}</param>");
        }

        w.WriteLine($"/// <exception cref=\"{Names.ValidationException}\">An argument breaks a schema rule.</exception>");
        var parameters = string.Join(", ", model.Args.Select(a => $"{Names.CSharp(a.Type)} {a.Name}{(a.Required ? string.Empty : " = " + a.DefaultExpr)}"));
        w.WriteLine($"public {model.Method}Args({parameters})");
        w.OpenBlock();
        foreach (var arg in model.Args)
        {
            WriteValidation(w, arg);
        }

        foreach (var arg in model.Args)
        {
            w.WriteLine($"{arg.Property} = {arg.Name};");
        }

        w.CloseBlock();
        foreach (var arg in model.Args)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>{ArgDoc(arg)} JSON key <c>{Names.Xml(arg.Json)}</c>.</summary>");
            w.WriteLine($"public {Names.CSharp(arg.Type)} {arg.Property} {{ get; }}");
        }

        if (chatText is not null)
        {
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine($"public string ChatText => {chatText.Property};");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine($"public global::Kryten.Sdk.IKrytenChatArgs WithChatText(string text) => new {model.Method}Args({string.Join(", ", model.Args.Select(a => a.ChatText ? "text" : a.Property))});");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Writes the arguments with the JSON keys the bridge reads.</summary>");
        w.WriteLine("/// <param name=\"writer\">The writer, positioned inside the arguments object.</param>");
        w.WriteLine($"public void WriteProperties({Names.JsonWriter} writer)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(writer);");
        foreach (var arg in model.Args)
        {
            WriteArg(w, arg, code);
        }

        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    internal static void WriteValidation(SourceWriter w, ArgModel arg)
    {
        var name = Names.Literal(arg.Name);
        void Fail(string condition, string rule, string message)
        {
            w.WriteLine($"if ({condition})");
            w.OpenBlock();
            w.WriteLine($"throw new {Names.ValidationException}({name}, {Names.Literal(rule)}, {Names.Literal(message)});");
            w.CloseBlock();
        }

        if (!arg.Type.Nullable && !Names.IsStruct(arg.Type))
        {
            Fail($"{arg.Name} is null", "required", $"'{arg.Name}' is required.");
        }

        var isText = arg.Type.Kind == ValueKind.String;
        var index = 0;
        foreach (var rule in arg.Rules)
        {
            // Pattern variables of an if statement live in the enclosing block: each needs its own name.
            var value = $"{arg.Name}Value{index++}";
            var v = $"{arg.Name} is {{ }} {value} && ";
            var first = rule.Values.Count > 0 ? rule.Values[0] : string.Empty;
            switch (rule.Kind)
            {
                case "notEmpty":
                    Fail(v + (isText ? $"{value}.Length == 0" : $"{value}.Count == 0"), "notEmpty", $"'{arg.Name}' must not be empty.");
                    break;
                case "maxLength":
                    Fail(v + (isText ? $"{value}.Length > {first}" : $"{value}.Count > {first}"), "maxLength", $"'{arg.Name}' must have at most {first} {(isText ? "characters" : "items")}.");
                    break;
                case "maxBytes":
                    Fail(v + $"global::System.Text.Encoding.UTF8.GetByteCount({value}) > {first}", "maxBytes", $"'{arg.Name}' must be at most {first} UTF-8 bytes.");
                    break;
                case "enum":
                    Fail(v + $"{value} is not ({string.Join(" or ", rule.Values.Select(Names.Literal))})", "enum", $"'{arg.Name}' must be one of: {string.Join(", ", rule.Values)}.");
                    break;
                case "pattern":
                    Fail(v + $"!global::System.Text.RegularExpressions.Regex.IsMatch({value}, {Names.Literal(first)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant)", "pattern", $"'{arg.Name}' must match {first}.");
                    break;
                case "range":
                    var min = CommandSamples.Bound(rule, "min", 0);
                    var max = CommandSamples.Bound(rule, "max", 1);
                    var checks = new List<string>();
                    if (min is not null)
                    {
                        checks.Add($"{value} < {min}");
                    }

                    if (max is not null)
                    {
                        checks.Add($"{value} > {max}");
                    }

                    Fail(v + "(" + string.Join(" || ", checks) + ")", "range", $"'{arg.Name}' must be within [{min ?? "-inf"}, {max ?? "inf"}].");
                    break;
            }
        }
    }

    internal static void WriteArg(SourceWriter w, ArgModel arg, JsonCode code)
    {
        var value = arg.Property;
        var optional = arg.Type.Nullable;
        if (optional)
        {
            w.WriteLine($"if ({value} is {{ }} {arg.Name})");
            w.OpenBlock();
            value = arg.Name;
        }

        w.WriteLine($"writer.WritePropertyName({Names.Utf8(arg.Json)});");
        switch (arg.Encode)
        {
            case "string":
                w.WriteLine($"writer.WriteStringValue({value}.ToString(global::System.Globalization.CultureInfo.InvariantCulture));");
                break;
            case "numberIfDigits":
                w.WriteLine($"if (long.TryParse({value}, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out var {arg.Name}Number))");
                w.OpenBlock();
                w.WriteLine($"writer.WriteNumberValue({arg.Name}Number);");
                w.CloseBlock();
                w.WriteLine("else");
                w.OpenBlock();
                w.WriteLine($"writer.WriteStringValue({value});");
                w.CloseBlock();
                break;
            default:
                w.WriteLine(code.Write(arg.Type.WithNullable(false), "writer", value, 0));
                break;
        }

        if (optional)
        {
            w.CloseBlock();
        }
    }
}
