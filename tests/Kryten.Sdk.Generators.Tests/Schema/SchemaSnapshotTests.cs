using Kryten.Sdk.Generators.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Every generated file of the representative user schema, compared with checked-in snapshots, and compiled.</summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public void Representative_schema_generates_expected_files()
    {
        var output = GeneratorRunner.Run(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());

        output.GeneratorDiagnostics.ShouldBeEmpty();
        output.GeneratorExceptions.ShouldBeEmpty();
        Snapshot.Verify(output);
    }

    [Fact]
    public void Representative_schema_output_compiles_without_warnings()
    {
        var output = GeneratorRunner.Run(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());

        output.ShouldCompileCleanly();
        output.GeneratedSources.Count.ShouldBeGreaterThan(10);
    }
}
