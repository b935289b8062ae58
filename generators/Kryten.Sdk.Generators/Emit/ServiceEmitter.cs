using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// Emits one service contract: per command a validated args class that writes and reads the flat arguments, the
/// interface the application implements (<c>I{Class}Service</c>), the host (<c>{Class}ServiceHost</c>, building a
/// <c>KrytenServiceDefinition</c> for the runtime's <c>KrytenServiceHost</c>), the error codes
/// (<c>{Class}ServiceErrors</c>) and the typed client (<c>{Class}Client</c>, see ServiceEmitter.Client.cs).
/// </summary>
internal static partial class ServiceEmitter
{
    private const string Call = "global::Kryten.Sdk.KrytenServiceCall";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static string HintName(ServiceModel model) => $"{model.Namespace}.{model.Class}Service.g.cs";

    public static string Emit(ServiceModel model)
    {
        var code = new JsonCode();
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace}");
        w.OpenBlock();
        foreach (var command in model.Commands.Where(c => c.Args.Count > 0))
        {
            EmitArgs(w, model, command, code);
            w.WriteLine();
        }

        EmitErrors(w, model);
        w.WriteLine();
        EmitInterface(w, model);
        w.WriteLine();
        EmitHost(w, model, code);
        w.WriteLine();
        EmitClient(w, model, code);
        w.CloseBlock();
        return w.ToString();
    }

    private static string ArgsClass(ServiceModel model, ServiceCommandModel command) => $"{model.Class}{command.Method}Args";

    private static string ReplyType(ServiceCommandModel command) => command.Reply is { } reply ? Names.CSharp(reply) : "void";

    private static string Returns(ServiceCommandModel command) => command.Reply is { } reply ? $"{ValueTask}<{Names.CSharp(reply)}>" : ValueTask;

    private static void EmitArgs(SourceWriter w, ServiceModel model, ServiceCommandModel command, JsonCode code)
    {
        var name = ArgsClass(model, command);
        w.WriteLine($"/// <summary>The arguments of <c>{Names.Xml(command.Command)}</c> of the {Names.Xml(model.Name)} service, validated when constructed.</summary>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"public sealed class {name} : global::Kryten.Sdk.IKrytenCommandArgs");
        w.OpenBlock();
        w.WriteLine("/// <summary>Validates and captures the arguments.</summary>");
        foreach (var arg in command.Args)
        {
            w.WriteLine($"/// <param name=\"{arg.Name}\">{CommandEmitter.ArgDoc(arg)}</param>");
        }

        w.WriteLine($"/// <exception cref=\"{Names.ValidationException}\">An argument breaks a rule of the contract.</exception>");
        w.WriteLine($"public {name}({string.Join(", ", command.Args.Select(a => $"{Names.CSharp(a.Type)} {a.Name}{(a.Required ? string.Empty : " = " + a.DefaultExpr)}"))})");
        w.OpenBlock();
        foreach (var arg in command.Args)
        {
            CommandEmitter.WriteValidation(w, arg);
        }

        foreach (var arg in command.Args)
        {
            w.WriteLine($"{arg.Property} = {arg.Name};");
        }

        w.CloseBlock();
        foreach (var arg in command.Args)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>{CommandEmitter.ArgDoc(arg)} JSON key <c>{Names.Xml(arg.Json)}</c>.</summary>");
            w.WriteLine($"public {Names.CSharp(arg.Type)} {arg.Property} {{ get; }}");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Writes the arguments flat, with the JSON keys the service reads.</summary>");
        w.WriteLine("/// <param name=\"writer\">The writer, positioned inside the request object.</param>");
        w.WriteLine($"public void WriteProperties({Names.JsonWriter} writer)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(writer);");
        foreach (var arg in command.Args)
        {
            CommandEmitter.WriteArg(w, arg, code);
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Reads the arguments from a request's arguments object (unknown keys are skipped; null is absent) and validates them.</summary>");
        w.WriteLine("/// <param name=\"json\">The arguments object.</param>");
        w.WriteLine("/// <returns>The validated arguments.</returns>");
        w.WriteLine($"/// <exception cref=\"{Names.JsonException}\">A value has the wrong JSON type.</exception>");
        w.WriteLine($"/// <exception cref=\"{Names.ValidationException}\">A required argument is missing, or one breaks a rule.</exception>");
        w.WriteLine($"public static {name} Read(global::System.ReadOnlyMemory<byte> json)");
        w.OpenBlock();
        w.WriteLine($"var reader = new {Names.JsonReader}(json.Span);");
        w.WriteLine("reader.Read();");
        foreach (var arg in command.Args)
        {
            w.WriteLine($"{Names.CSharp(arg.Type.WithNullable(true))} {arg.Name} = null;");
        }

        w.WriteLine($"while (reader.Read() && reader.TokenType == {Names.JsonTokenType}.PropertyName)");
        w.OpenBlock();
        var first = true;
        foreach (var arg in command.Args)
        {
            w.WriteLine($"{(first ? string.Empty : "else ")}if (reader.ValueTextEquals({Names.Utf8(arg.Json)}))");
            w.OpenBlock();
            w.WriteLine("reader.Read();");
            w.WriteLine($"{arg.Name} = {code.Read(arg.Type.WithNullable(true), "reader", 0)};");
            w.CloseBlock();
            first = false;
        }

        w.WriteLine("else");
        w.OpenBlock();
        w.WriteLine("reader.Read();");
        w.WriteLine("reader.Skip();");
        w.CloseBlock();
        w.CloseBlock();
        var values = command.Args.Select(a => a.Required && !a.Type.Nullable
            ? $"{a.Name} ?? throw new {Names.ValidationException}({Names.Literal(a.Name)}, \"required\", {Names.Literal($"'{a.Json}' is required.")})"
            : a.Required || a.DefaultExpr == "null" ? a.Name : $"{a.Name} ?? {a.DefaultExpr}");
        w.WriteLine($"return new {name}({string.Join(", ", values)});");
        w.CloseBlock();
        w.CloseBlock();
    }

    private static void EmitErrors(SourceWriter w, ServiceModel model)
    {
        w.WriteLine($"/// <summary>The error codes of the {Names.Xml(model.Name)} service (<c>error_code</c>), besides the host's own (<c>KrytenWire.Error*</c>).</summary>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"public static class {model.Class}ServiceErrors");
        w.OpenBlock();
        foreach (var error in model.Errors)
        {
            w.WriteLine($"/// <summary>{(error.Doc is null ? error.Code : Names.Xml(error.Doc))}</summary>");
            w.WriteLine($"public const string {error.Constant} = {Names.Literal(error.Code)};");
        }

        w.CloseBlock();
    }

    private static void EmitInterface(SourceWriter w, ServiceModel model)
    {
        w.WriteLine($"/// <summary>{(model.Doc is null ? $"The {Names.Xml(model.Name)} service" : Names.Xml(model.Doc))} Implement it and serve it with <see cref=\"{model.Class}ServiceHost\"/>.</summary>");
        w.WriteLine("/// <remarks>Throw <c>KrytenServiceException</c> with one of <see cref=\"" + model.Class + "ServiceErrors\"/> to answer with an error; any other exception is answered as <c>INTERNAL_ERROR</c> and logged.</remarks>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"public interface I{model.Class}Service");
        w.OpenBlock();
        var first = true;
        foreach (var command in model.Commands.Where(c => !c.BuiltIn))
        {
            if (!first)
            {
                w.WriteLine();
            }

            first = false;
            WriteCommandSummary(w, command);
            foreach (var arg in command.Args)
            {
                w.WriteLine($"/// <param name=\"{arg.Name}\">{CommandEmitter.ArgDoc(arg)}</param>");
            }

            w.WriteLine("/// <param name=\"call\">The caller's metadata.</param>");
            w.WriteLine("/// <param name=\"cancellationToken\">Signals that the host is stopping.</param>");
            w.WriteLine(command.Reply is null ? "/// <returns>A task that completes when the command is done (the reply's data is null).</returns>" : $"/// <returns>The reply's data{(command.ReplyDoc is null ? "." : ": " + Names.Xml(command.ReplyDoc))}</returns>");
            var parameters = command.Args.Select(a => $"{Names.CSharp(a.Type)} {a.Name}").Concat([$"{Call} call", $"{Names.CancellationToken} cancellationToken"]);
            w.WriteLine($"{Returns(command)} {command.Method}Async({string.Join(", ", parameters)});");
        }

        w.CloseBlock();
    }

    private static void WriteCommandSummary(SourceWriter w, ServiceCommandModel command)
    {
        w.WriteLine($"/// <summary>{(command.Doc is null ? $"The command <c>{Names.Xml(command.Command)}</c>." : Names.Xml(command.Doc))}</summary>");
        var remarks = $"Command <c>{Names.Xml(command.Command)}</c>";
        if (command.Aliases.Count > 0)
        {
            remarks += $" (also <c>{Names.Xml(string.Join(", ", command.Aliases))}</c>)";
        }

        if (command.Errors.Count > 0)
        {
            remarks += $"; error codes: {Names.Xml(string.Join(", ", command.Errors))}";
        }

        w.WriteLine($"/// <remarks>{remarks}.</remarks>");
    }

    private static void EmitHost(SourceWriter w, ServiceModel model, JsonCode code)
    {
        w.WriteLine($"/// <summary>Serves an <see cref=\"I{model.Class}Service\"/> on <c>kryten.{Names.Xml(model.Name)}.command</c> through the runtime's <c>KrytenServiceHost</c>.</summary>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"public static class {model.Class}ServiceHost");
        w.OpenBlock();
        w.WriteLine("/// <summary>The service name: its subject token and <c>service</c> key.</summary>");
        w.WriteLine($"public const string ServiceName = {Names.Literal(model.Name)};");
        w.WriteLine();
        w.WriteLine("/// <summary>The service's commands, each reading its arguments, calling <paramref name=\"service\"/> and writing the reply's data.</summary>");
        w.WriteLine("/// <param name=\"service\">The implementation.</param>");
        w.WriteLine("/// <returns>The definition <c>KrytenServiceHost.StartAsync</c> serves.</returns>");
        w.WriteLine($"public static global::Kryten.Sdk.KrytenServiceDefinition Definition(I{model.Class}Service service)");
        w.OpenBlock();
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(service);");
        w.WriteLine("return new global::Kryten.Sdk.KrytenServiceDefinition(ServiceName,");
        w.WriteLine("[");
        w.Indentation++;
        foreach (var command in model.Commands.Where(c => !c.BuiltIn))
        {
            var aliases = string.Join(", ", command.Aliases.Select(Names.Literal));
            w.WriteLine($"new global::Kryten.Sdk.KrytenServiceEndpoint({Names.Literal(command.Command)}, [{aliases}], async (args, call, data, cancellationToken) =>");
            w.OpenBlock();
            var arguments = command.Args.Select(a => "a." + a.Property).Concat(["call", "cancellationToken"]);
            if (command.Args.Count > 0)
            {
                w.WriteLine($"var a = {ArgsClass(model, command)}.Read(args);");
            }

            var invoke = $"await service.{command.Method}Async({string.Join(", ", arguments)}).ConfigureAwait(false);";
            if (command.Reply is { } reply)
            {
                w.WriteLine("var reply = " + invoke);
                w.WriteLine(code.Write(reply, "data", "reply", 0));
            }
            else
            {
                w.WriteLine(invoke);
                w.WriteLine("data.WriteNullValue();");
            }

            w.CloseBlock("),");
        }

        w.Indentation--;
        w.WriteLine("]);");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Starts serving <paramref name=\"service\"/>: queue group, NATS services registration, error replies and <c>system.*</c> as <paramref name=\"options\"/> say.</summary>");
        w.WriteLine("/// <param name=\"client\">A connected client (channels are not needed).</param>");
        w.WriteLine("/// <param name=\"service\">The implementation.</param>");
        w.WriteLine("/// <param name=\"options\">Version, queue group, NATS services registration; null for the defaults.</param>");
        w.WriteLine("/// <param name=\"cancellationToken\">Cancels starting.</param>");
        w.WriteLine("/// <returns>The running host; dispose it to stop serving.</returns>");
        w.WriteLine($"public static {ValueTask}<global::Kryten.Sdk.KrytenServiceHost> StartAsync(global::Kryten.Sdk.KrytenClient client, I{model.Class}Service service, global::Kryten.Sdk.KrytenServiceHostOptions? options = null, {Names.CancellationToken} cancellationToken = default) =>");
        w.WriteLine("    global::Kryten.Sdk.KrytenServiceHost.StartAsync(client, Definition(service), options, cancellationToken);");
        w.CloseBlock();
    }
}
