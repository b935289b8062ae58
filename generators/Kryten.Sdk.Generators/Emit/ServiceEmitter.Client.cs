using System.Linq;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>The typed client of a service contract: one method per command, built-in <c>system.*</c> ones included.</summary>
internal static partial class ServiceEmitter
{
    private static void EmitClient(SourceWriter w, ServiceModel model, JsonCode code)
    {
        w.WriteLine($"/// <summary>Calls the {Names.Xml(model.Name)} service on <c>kryten.{Names.Xml(model.Name)}.command</c>: one method per command, returning the reply's data.</summary>");
        w.WriteLine("/// <remarks>Works on any connected <c>KrytenClient</c>, including one without channels.</remarks>");
        w.WriteLine("/// <example>");
        w.WriteLine($"/// <code>var {Camel(model.Class)} = new {model.Class}Client(client);</code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"public sealed class {model.Class}Client : global::Kryten.Sdk.KrytenServiceClient");
        w.OpenBlock();
        w.WriteLine("/// <summary>Creates the client.</summary>");
        w.WriteLine("/// <param name=\"client\">The Kryten client requests go through.</param>");
        w.WriteLine("/// <param name=\"timeout\">The default reply wait; null for the client's <c>CommandTimeout</c>.</param>");
        w.WriteLine($"public {model.Class}Client(global::Kryten.Sdk.KrytenClient client, {Names.TimeSpan}? timeout = null)");
        w.WriteLine($"    : base(client, {Names.Literal(model.Name)}, timeout)");
        w.OpenBlock();
        w.CloseBlock();
        w.WriteLine();
        EmitCommandList(w, model);
        foreach (var command in model.Commands)
        {
            w.WriteLine();
            EmitClientMethod(w, model, command, code);
        }

        w.CloseBlock();
    }

    private static void EmitClientMethod(SourceWriter w, ServiceModel model, ServiceCommandModel command, JsonCode code)
    {
        WriteCommandSummary(w, command);
        foreach (var arg in command.Args)
        {
            w.WriteLine($"/// <param name=\"{arg.Name}\">{CommandEmitter.ArgDoc(arg)}</param>");
        }

        w.WriteLine("/// <param name=\"timeout\">The reply wait; null for this client's default.</param>");
        w.WriteLine("/// <param name=\"cancellationToken\">Cancels the wait.</param>");
        w.WriteLine(command.Reply is null ? "/// <returns>A task that completes when the service has answered.</returns>" : $"/// <returns>The reply's data{(command.ReplyDoc is null ? "." : ": " + Names.Xml(command.ReplyDoc))}</returns>");
        w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenServiceException\">The service answered with a failure (its text, and its code when it sent one).</exception>");
        w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenTimeoutException\">No reply arrived in time.</exception>");
        w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenNoRespondersException\">No instance of the service is running.</exception>");
        if (command.Args.Count > 0)
        {
            w.WriteLine($"/// <exception cref=\"{Names.ValidationException}\">An argument breaks a rule of the contract; nothing was sent.</exception>");
        }

        w.WriteLine("/// <exception cref=\"global::Kryten.Sdk.KrytenException\">The base of the exceptions above; thrown itself when the reply's data does not fit.</exception>");
        var parameters = command.Args.Select(a => $"{Names.CSharp(a.Type)} {a.Name}{(a.Required ? string.Empty : " = " + a.DefaultExpr)}")
            .Concat([$"{Names.TimeSpan}? timeout = null", $"{Names.CancellationToken} cancellationToken = default"]);
        var args = command.Args.Count == 0 ? "null" : $"new {ArgsClass(model, command)}({string.Join(", ", command.Args.Select(a => a.Name))})";
        var name = command.BuiltIn ? $"global::Kryten.Sdk.KrytenWire.{BuiltInConstant(command)}" : Names.Literal(command.Command);
        if (command.Reply is { } reply)
        {
            w.WriteLine($"public {Returns(command)} {command.Method}Async({string.Join(", ", parameters)}) =>");
            w.WriteLine($"    CallAsync<{ReplyType(command)}>({name}, {args}, {code.ReaderFn(reply, 0)}, timeout, cancellationToken);");
        }
        else
        {
            w.WriteLine($"public async {ValueTask} {command.Method}Async({string.Join(", ", parameters)}) =>");
            w.WriteLine($"    await CallAsync<{Names.JsonElement}>({name}, {args}, static (ref {Names.JsonReader} r0) => {Names.JsonReadHelpers}.ReadJson(ref r0), timeout, cancellationToken).ConfigureAwait(false);");
        }
    }

    // The contract as data for tools (`kryten call`): arguments arrive as text, are read as the catalogue of robot
    // commands reads them, and go through the command's generated arguments class, so the contract's rules apply. A
    // command with an argument text cannot spell (an object) is left out; its method is generated as usual.
    private static void EmitCommandList(SourceWriter w, ServiceModel model)
    {
        const string Info = "global::Kryten.Sdk.KrytenServiceCommandInfo";
        w.WriteLine("/// <summary>The contract's commands as data, for tools that call any of them with text arguments (<c>kryten call</c>).</summary>");
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Info}> Commands {{ get; }} = new {Info}[]");
        w.OpenBlock();
        foreach (var command in model.Commands.Where(c => c.Args.All(a => CatalogEmitter.Reader(a.Type) is not null)))
        {
            var name = command.BuiltIn ? $"global::Kryten.Sdk.KrytenWire.{BuiltInConstant(command)}" : Names.Literal(command.Command);
            var args = command.Args.Count == 0 ? "null" : $"new {ArgsClass(model, command)}({string.Join(", ", command.Args.Select(CatalogEmitter.Value))})";
            w.WriteLine($"new {Info}({name}, {CatalogEmitter.Nullable(command.Doc)}, {CatalogEmitter.Parameters(command.Args)},");
            w.WriteLine($"    static (client, args, timeout, cancellationToken) => new {model.Class}Client(client).CallAsync<{Names.JsonElement}>({name}, {args}, static (ref {Names.JsonReader} r0) => {Names.JsonReadHelpers}.ReadJson(ref r0), timeout, cancellationToken)),");
        }

        w.CloseBlock(";");
    }

    // system.ping → ServicePingCommand (the runtime's wire constants, so the literal is spelled once).
    private static string BuiltInConstant(ServiceCommandModel command) => command.Method switch
    {
        "Ping" => "ServicePingCommand",
        "GetHealth" => "ServiceHealthCommand",
        _ => "ServiceStatsCommand",
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
