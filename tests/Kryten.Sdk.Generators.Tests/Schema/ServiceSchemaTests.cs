using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Service contracts (<c>services:</c>): snapshots of the generated file, a clean compile, and caching per service.</summary>
public sealed class ServiceSchemaTests
{
    /// <summary>A user-mode contract with every feature once: aliases, defaults, rules, error codes, object/array/nullable/absent replies, an SDK record.</summary>
    public const string ServiceYaml = """
        services:
          - name: gadget-store
            doc: Stores gadgets.
            errors:
              - { code: RECORD_NOT_FOUND, doc: No such gadget. }
            commands:
              - command: gadget.put
                method: Put
                aliases: [gadget.set]
                doc: Stores a gadget.
                reply: Gadget
                args:
                  - { name: id, type: string, rules: [ { notEmpty: true }, { maxLength: 10 } ] }
                  - { name: size, type: int, default: 1, rules: [ { range: { min: 1, max: 9 } } ] }
                  - { name: labels, type: "string[]", required: false }
              - { command: gadget.get, method: Get, reply: Gadget, errors: [RECORD_NOT_FOUND], args: [ { name: id, type: string } ] }
              - { command: gadget.find, method: Find, reply: Gadget?, args: [ { name: id, type: string } ] }
              - { command: gadget.list, reply: "Gadget[]" }
              - { command: gadget.owner, method: Owner, reply: User, args: [ { name: id, type: string } ] }
              - { command: gadget.clear, method: Clear }
          - name: other
            commands:
              - { command: other.ping, method: Ping, reply: json }
        types:
          - name: Gadget
            fields:
              - { json: id, name: Id, type: string }
              - { json: size, name: Size, type: int }
        """;

    public static GeneratorInput Input(string yaml = ServiceYaml) =>
        GeneratorInput.Empty
            .WithGlobalOption("build_property.RootNamespace", "Contoso.Bot")
            .WithAdditionalFile("/project/kryten/services.yaml", yaml, (SchemaTestInputs.SchemaFlag, "true"));

    [Fact]
    public void Service_contract_generates_expected_files()
    {
        var output = GeneratorRunner.Run(Input(), new KrytenSchemaGenerator());

        output.GeneratorDiagnostics.ShouldBeEmpty();
        output.GeneratorExceptions.ShouldBeEmpty();
        Snapshot.Verify(output, f => f.HintName.EndsWith("Service.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_contract_output_compiles_without_warnings()
    {
        var output = GeneratorRunner.Run(Input(), new KrytenSchemaGenerator());

        output.ShouldCompileCleanly();
        output.GeneratedSources.Select(f => f.HintName).ShouldContain("Contoso.Bot.GadgetStoreService.g.cs");
        output.GeneratedSources.Select(f => f.HintName).ShouldContain("Contoso.Bot.OtherService.g.cs");
    }

    [Fact]
    public void Second_run_without_changes_is_cached()
    {
        var session = GeneratorSession.Start(Input().WithSource("/project/Bot.cs", "class Bot { }"), new KrytenSchemaGenerator());

        var second = session.Rerun();

        IncrementalAssert.AllCachedOrUnchanged(second, [SchemaStepNames.Bound, SchemaStepNames.Services, SchemaStepNames.Objects]);
        IncrementalAssert.NoForbiddenObjects(session.Output, [SchemaStepNames.Services]);
    }

    [Fact]
    public void Editing_one_service_reruns_only_that_service()
    {
        var session = GeneratorSession.Start(Input(), new KrytenSchemaGenerator());

        var edited = session.ReplaceAdditionalFile("/project/kryten/services.yaml", ServiceYaml.Replace("doc: Stores a gadget.", "doc: Stores one gadget.", StringComparison.Ordinal));

        IncrementalAssert.Reasons(edited, SchemaStepNames.Services).Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        IncrementalAssert.Reasons(edited, SchemaStepNames.Services).Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).ShouldBe(1);
        IncrementalAssert.AllCachedOrUnchanged(edited, [SchemaStepNames.Objects, SchemaStepNames.Context]);
    }

    [Fact]
    public void Declared_system_commands_replace_the_built_in_client_methods()
    {
        var output = GeneratorRunner.Run(Input("services:\n  - name: s\n    commands:\n      - { command: system.ping, method: Ping, reply: json }\n"), new KrytenSchemaGenerator());

        var source = output.GeneratedSources.Single(f => f.HintName.EndsWith("SService.g.cs", StringComparison.Ordinal)).Text;
        source.ShouldContain("ValueTask<global::System.Text.Json.JsonElement> PingAsync(global::Kryten.Sdk.KrytenServiceCall call");
        source.ShouldContain("GetHealthAsync(global::System.TimeSpan? timeout = null");
        source.ShouldNotContain("global::Kryten.Sdk.KrytenWire.ServicePingCommand");
    }
}
