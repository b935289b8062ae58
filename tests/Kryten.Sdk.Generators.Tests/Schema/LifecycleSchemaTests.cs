using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>
/// <c>lifecycle:</c> events: records handlers take like CyTube events, marked as lifecycle so the runtime routes them by
/// subject, and kept out of the CyTube event registry.
/// </summary>
public sealed class LifecycleSchemaTests
{
    private const string File = "/project/kryten/peers.yaml";

    private const string Yaml = """
        events:
          - lifecycle: peer.startup
            record: PeerStarted
            doc: A peer service started.
            fields:
              - { json: service, name: Service, type: string }
              - { json: uptime_seconds, name: UptimeSeconds, type: double, absent: null, nullable: true }
          - cytube: peerNote
            record: PeerNote
            payload: string
            value: { name: Text, type: string }
        """;

    [Fact]
    public void A_lifecycle_event_is_an_event_record_outside_the_registry()
    {
        var output = Run(Yaml);

        output.GeneratorDiagnostics.ShouldBeEmpty();
        Snapshot.Verify(output, f => f.HintName.EndsWith(".PeerStarted.g.cs", StringComparison.Ordinal) || f.HintName.EndsWith("KrytenEventRegistry.g.cs", StringComparison.Ordinal));
        output.ShouldCompileCleanly();
    }

    [Fact]
    public void KRY011_InvalidValue_lifecycle_and_cytube_together() =>
        Single("events:\n  - lifecycle: peer.startup\n    cytube: peerStartup\n    record: PeerStarted\n    fields:\n      - { json: service, name: Service, type: string }\n",
            line: 3, message: "no cytube: on a lifecycle event");

    [Theory]
    [InlineData("startup")]
    [InlineData("peer.service.startup")]
    [InlineData("peer.*")]
    public void KRY011_InvalidValue_lifecycle_name_is_not_service_dot_event(string name) =>
        Single($"events:\n  - lifecycle: \"{name}\"\n    record: PeerStarted\n    fields:\n      - {{ json: service, name: Service, type: string }}\n",
            line: 2, message: "{service}.{event}");

    private static GeneratorRunOutput Run(string yaml) =>
        GeneratorRunner.Run(
            GeneratorInput.Empty.WithGlobalOption("build_property.RootNamespace", "Contoso.Peers").WithAdditionalFile(File, yaml, (SchemaTestInputs.SchemaFlag, "true")),
            new KrytenSchemaGenerator());

    private static void Single(string yaml, int line, string message)
    {
        var output = Run(yaml);
        output.GeneratorExceptions.ShouldBeEmpty();
        var diagnostic = output.GeneratorDiagnostics.Where(d => d.Id == "KRY011").ShouldHaveSingleItem();
        (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1).ShouldBe(line);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(message);
    }
}
