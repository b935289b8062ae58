using System.Reflection;
using System.Runtime.Loader;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Adding a command to a YAML file makes a validated, working method appear after the next generator run.</summary>
public sealed class SchemaEditEndToEndTests
{
    private const string NewCommand = """

          - method: RenameGadget
            command: renameGadget
            doc: Renames a gadget.
            args:
              - { name: id, json: gadget_id, type: long, encode: string }
              - { name: newName, json: new_name, type: string, rules: [ { notEmpty: true }, { maxLength: 5 } ] }
        queries:
        """;

    [Fact]
    public async Task Edited_schema_yields_a_new_command_method_that_sends_the_bridge_keys()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());
        session.Output.GeneratedSources.ShouldNotContain(f => f.HintName.Contains("RenameGadget", StringComparison.Ordinal));

        var edited = session.ReplaceAdditionalFile(
            "/project/kryten/gadgets.yaml",
            SchemaTestInputs.RepresentativeYaml.Replace("\nqueries:", NewCommand, StringComparison.Ordinal));

        edited.GeneratorDiagnostics.ShouldBeEmpty();
        edited.GeneratedSources.ShouldContain(f => f.HintName == "Contoso.Bot.KrytenCommands.RenameGadget.g.cs");
        var commands = Load(edited.ShouldCompileCleanly()).GetType("Contoso.Bot.KrytenCommands", throwOnError: true)!;
        var send = commands.GetMethod("RenameGadgetAsync")!;
        var sender = new RecordingCommandSender();

        var id = await (ValueTask<string>)send.Invoke(null, [sender, 7L, "bolt", null, null, CancellationToken.None])!;

        id.ShouldBe("id-1");
        var command = sender.Sent.ShouldHaveSingleItem();
        command.Name.ShouldBe("renameGadget");
        command.ArgsPlacement.ShouldBe(KrytenArgsPlacement.Args);
        RecordingCommandSender.ArgsJson(command).ShouldBe("""{"gadget_id":"7","new_name":"bolt"}""");

        var invalid = Should.Throw<TargetInvocationException>(() => send.Invoke(null, [sender, 7L, "toolong", null, null, CancellationToken.None]));
        var validation = invalid.InnerException.ShouldBeOfType<KrytenValidationException>();
        validation.ParameterName.ShouldBe("newName");
        validation.Rule.ShouldBe("maxLength");
        sender.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Waiting_form_returns_the_typed_reply()
    {
        var output = GeneratorRunner.Run(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator()).ShouldCompileCleanly();
        var commands = Load(output).GetType("Contoso.Bot.KrytenCommands", throwOnError: true)!;
        var sender = new RecordingCommandSender("""{"success": false, "error": "nope", "extra": 1}""");

        var ack = await (ValueTask<Kryten.Sdk.Events.KrytenCommandAck>)commands.GetMethod("ClearGadgetsAndWaitAsync")!
            .Invoke(null, [sender, null, null, null, CancellationToken.None])!;

        ack.Success.ShouldBeFalse();
        ack.Error.ShouldBe("nope");
        sender.Sent.ShouldHaveSingleItem().Args.ShouldBeNull();
    }

    [Fact]
    public async Task A_handler_for_an_event_of_the_bots_own_schema_fires_without_any_registration()
    {
        var input = SchemaTestInputs.UserInput().WithSource("GadgetWatcher.cs", """
            namespace Contoso.Bot;

            public sealed partial class GadgetWatcher
            {
                public int LastCount = -1;

                [Kryten.Sdk.KrytenHandler]
                public System.Threading.Tasks.ValueTask OnCount(GadgetCount count)
                {
                    LastCount = count.Count;
                    return default;
                }
            }
            """);
        var output = GeneratorRunner.Run(input, new KrytenSchemaGenerator(), new Kryten.Sdk.Generators.Handlers.KrytenHandlerGenerator()).ShouldCompileCleanly();
        var watcherType = Load(output).GetType("Contoso.Bot.GadgetWatcher", throwOnError: true)!;
        var watcher = Activator.CreateInstance(watcherType)!;

        await using var mock = await Kryten.Sdk.Testing.MockKrytenClient.StartAsync();
        using var registration = mock.Client.AddHandlers((IKrytenHandlerSet)watcher);
        await mock.EmitAsync("gadgetCount", "5");

        watcherType.GetField("LastCount")!.GetValue(watcher).ShouldBe(5);
        mock.Client.Health().EventsMalformed.ShouldBe(0);
    }

    private static Assembly Load(GeneratorRunOutput output)
    {
        using var stream = new MemoryStream();
        var result = output.OutputCompilation.Emit(stream);
        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext(name: null, isCollectible: true).LoadFromStream(stream);
    }
}
