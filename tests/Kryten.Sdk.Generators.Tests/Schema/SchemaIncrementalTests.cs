using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>The schema pipeline caches: nothing re-runs without a change, and an edit re-runs only what depends on it.</summary>
public sealed class SchemaIncrementalTests
{
    private static readonly string[] AllSteps =
    [
        SchemaStepNames.Options, SchemaStepNames.SchemaFiles, SchemaStepNames.ParsedFiles, SchemaStepNames.Bound,
        SchemaStepNames.Objects, SchemaStepNames.Commands, SchemaStepNames.Context, SchemaStepNames.Registry, SchemaStepNames.CommandsClass,
        SchemaStepNames.CommandCatalog,
    ];

    [Fact]
    public void Second_run_without_changes_is_cached()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput().WithSource("/project/Bot.cs", "class Bot { }"), new KrytenSchemaGenerator());

        var second = session.Rerun();

        IncrementalAssert.AllCachedOrUnchanged(second, AllSteps);
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_or_compilations()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());

        IncrementalAssert.NoForbiddenObjects(session.Output, AllSteps);
    }

    [Fact]
    public void Unrelated_csharp_edit_does_not_rerun_schema_steps()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput().WithSource("/project/Bot.cs", "class Bot { }"), new KrytenSchemaGenerator());

        var edited = session.ReplaceSource("/project/Bot.cs", "class Bot { int x; }");

        IncrementalAssert.AllCachedOrUnchanged(edited, AllSteps);
    }

    [Fact]
    public void Command_edit_reruns_only_that_command()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());

        var edited = session.ReplaceAdditionalFile(
            "/project/kryten/gadgets.yaml",
            SchemaTestInputs.RepresentativeYaml.Replace("doc: Removes every gadget.", "doc: Removes all gadgets.", StringComparison.Ordinal));

        IncrementalAssert.Reasons(edited, SchemaStepNames.ParsedFiles).ShouldBe([IncrementalStepRunReason.Modified]);
        IncrementalAssert.Reasons(edited, SchemaStepNames.Objects).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        IncrementalAssert.Reasons(edited, SchemaStepNames.Commands).Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        IncrementalAssert.Reasons(edited, SchemaStepNames.CommandCatalog).ShouldBe([IncrementalStepRunReason.Modified]);
        IncrementalAssert.AllCachedOrUnchanged(edited, [SchemaStepNames.Context, SchemaStepNames.Registry, SchemaStepNames.CommandsClass]);
    }

    [Fact]
    public void Event_edit_reruns_only_that_record_and_the_lists_that_name_records()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());

        var edited = session.ReplaceAdditionalFile(
            "/project/kryten/gadgets.yaml",
            SchemaTestInputs.RepresentativeYaml.Replace("doc: A gadget was added.", "doc: A new gadget was added.", StringComparison.Ordinal));

        IncrementalAssert.Reasons(edited, SchemaStepNames.Objects).Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        IncrementalAssert.Reasons(edited, SchemaStepNames.Commands).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        IncrementalAssert.AllCachedOrUnchanged(edited, [SchemaStepNames.Context, SchemaStepNames.Registry, SchemaStepNames.CommandsClass]);
    }

    [Fact]
    public void Namespace_option_edit_reruns_the_outputs()
    {
        var session = GeneratorSession.Start(SchemaTestInputs.UserInput(), new KrytenSchemaGenerator());

        var edited = session.SetGlobalOption("build_property.KrytenSchemaNamespace", "Contoso.Schema");

        IncrementalAssert.Reasons(edited, SchemaStepNames.Options).ShouldBe([IncrementalStepRunReason.Modified]);
        IncrementalAssert.Reasons(edited, SchemaStepNames.ParsedFiles).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        edited.GeneratedSources.ShouldContain(f => f.HintName == "Contoso.Schema.GadgetAdded.g.cs");
        edited.ShouldCompileCleanly();
    }
}
