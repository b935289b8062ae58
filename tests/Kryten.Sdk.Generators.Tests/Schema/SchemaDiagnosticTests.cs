using Kryten.Sdk.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>One test per KRY0xx diagnostic, named after its ID; each checks the YAML file and line it points at.</summary>
public sealed class SchemaDiagnosticTests
{
    private const string File = "/project/kryten/bad.yaml";

    [Fact]
    public void KRY001_InvalidYaml() =>
        Single("events: [ { cytube: a\n", "KRY001", line: 2);

    [Fact]
    public void KRY002_UnknownType() =>
        Single("types:\n  - name: A\n    fields:\n      - { json: x, name: X, type: Nope }\n", "KRY002", line: 4, message: "Nope");

    [Fact]
    public void KRY003_DuplicateName() =>
        Single("types:\n  - name: A\n    fields: []\n  - name: A\n    fields: []\n", "KRY003", line: 4);

    [Fact]
    public void KRY004_InvalidRule() =>
        Single("commands:\n  - method: Go\n    command: go\n    args:\n      - { name: n, type: int, rules: [ { maxLength: 3 } ] }\n", "KRY004", line: 5, message: "maxLength");

    [Fact]
    public void KRY005_InvalidDerived() =>
        Single("events:\n  - cytube: e\n    record: E\n    fields:\n      - { json: a, name: A, type: string }\n    derived:\n      - { name: B, kind: sparkle, from: a }\n", "KRY005", line: 7, message: "sparkle");

    [Fact]
    public void KRY006_MissingKey() =>
        Single("events:\n  - record: E\n", "KRY006", line: 2, message: "cytube");

    [Fact]
    public void KRY007_UnknownKey()
    {
        var output = Run("types:\n  - name: A\n    fields:\n      - { json: x, name: X, type: string, absnt: null }\n");
        var diagnostic = output.GeneratorDiagnostics.Single(d => d.Id == "KRY007");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(3);
    }

    [Fact]
    public void KRY008_InvalidPayloadShape() =>
        Single("events:\n  - cytube: e\n    record: E\n    payload: array\n", "KRY008", line: 2);

    [Fact]
    public void KRY009_InvalidName() =>
        Single("types:\n  - name: A\n    fields:\n      - { json: x, name: class, type: string }\n", "KRY009", line: 4);

    [Fact]
    public void KRY010_InvalidDefault() =>
        Single("types:\n  - name: A\n    fields:\n      - { json: x, name: X, type: int, default: many }\n", "KRY010", line: 4);

    [Fact]
    public void KRY011_InvalidValue() =>
        Single("types:\n  - name: A\n    fields:\n      - { json: x, name: X, type: int, absent: maybe }\n", "KRY011", line: 4);

    [Theory]
    [InlineData("{ name: text, type: string, required: false, chatText: true }")]
    [InlineData("{ name: text, type: int, chatText: true }")]
    public void KRY011_InvalidValue_chat_text_on_an_argument_that_is_not_a_required_string(string arg) =>
        Single($"commands:\n  - method: Shout\n    command: shout\n    args:\n      - {arg}\n", "KRY011", line: 5, message: "chatText");

    [Fact]
    public void KRY011_InvalidValue_two_chat_text_arguments() =>
        Single("commands:\n  - method: Shout\n    command: shout\n    args:\n      - { name: a, type: string, chatText: true }\n      - { name: b, type: string, chatText: true }\n",
            "KRY011", line: 2, message: "at most one chat text argument");

    [Fact]
    public void KRY012_GeneratorFailure()
    {
        // A bug in the generator must surface as KRY012, never as an exception: a null-valued entry in the parser's
        // path is the cheapest real trigger, so call the binder directly with a corrupted model instead.
        var files = System.Collections.Immutable.ImmutableArray.Create(
            new Kryten.Sdk.Generators.Schema.Model.SchemaFile(File, default, new Common.EquatableArray<Kryten.Sdk.Generators.Schema.Model.EventDecl>(new Kryten.Sdk.Generators.Schema.Model.EventDecl[] { null! }), default, null, default));
        var bound = Kryten.Sdk.Generators.Schema.Binding.SchemaBinder.Bind(files, new Kryten.Sdk.Generators.Schema.Model.GeneratorOptions(false, "Contoso"), CancellationToken.None);
        bound.Diagnostics.Select(d => d.Descriptor.Id).ShouldBe(["KRY012"]);
    }

    [Fact]
    public void KRY013_MissingWireSettings()
    {
        var output = GeneratorRunner.Run(
            GeneratorInput.Empty.WithGlobalOption("build_property.KrytenSchemaMode", "sdk")
                .WithAdditionalFile(File, "types:\n  - name: A\n    fields: []\n", (SchemaTestInputs.SchemaFlag, "true")),
            new KrytenSchemaGenerator());
        output.GeneratorDiagnostics.Select(d => d.Id).ShouldContain("KRY013");
    }

    [Theory]
    [InlineData("services:\n  - name: my.service\n    commands: []\n", 2, "one subject token")]
    [InlineData("services:\n  - name: s\n    commands:\n      - { command: a.b, errors: [NOPE] }\n", 4, "NOPE")]
    public void KRY014_InvalidService(string yaml, int line, string message) =>
        Single(yaml, "KRY014", line, message);

    [Theory]
    [InlineData("services:\n  - name: s\n    commands:\n      - { command: a.b }\n      - { command: a.c, aliases: [a.b] }\n", 5)]
    [InlineData("services:\n  - name: s\n    commands:\n      - { command: a.b, method: Go }\n      - { command: a.c, method: Go }\n", 5)]
    [InlineData("services:\n  - name: s\n    commands: []\n  - name: s\n    commands: []\n", 4)]
    public void KRY003_DuplicateName_in_a_service(string yaml, int line) =>
        Single(yaml, "KRY003", line);

    [Fact]
    public void KRY002_UnknownType_of_a_service_reply() =>
        Single("services:\n  - name: s\n    commands:\n      - { command: a.b, reply: Nope }\n", "KRY002", line: 4, message: "Nope");

    [Theory]
    [InlineData("services:\n  - name: s\n    commands:\n      - { command: a.b, args: [ { name: t, type: string, chatText: true } ] }\n", 4, "chatText")]
    [InlineData("services:\n  - name: s\n    errors:\n      - { code: not-snake }\n    commands: []\n", 4, "SNAKE_CASE")]
    public void KRY011_InvalidValue_in_a_service(string yaml, int line, string message) =>
        Single(yaml, "KRY011", line, message);

    [Fact]
    public void Invalid_yaml_never_throws_and_emits_nothing_for_the_broken_item()
    {
        var output = Run("types:\n  - name: A\n    fields:\n      - { json: x, name: X, type: Nope }\n  - name: B\n    fields:\n      - { json: y, name: Y, type: string }\n");
        output.GeneratorExceptions.ShouldBeEmpty();
        output.GeneratedSources.ShouldContain(f => f.HintName.Contains(".B.g.cs", StringComparison.Ordinal));
        output.GeneratedSources.ShouldNotContain(f => f.HintName.EndsWith(".A.g.cs", StringComparison.Ordinal));
    }

    private static GeneratorRunOutput Run(string yaml) =>
        GeneratorRunner.Run(
            GeneratorInput.Empty.WithGlobalOption("build_property.RootNamespace", "Contoso").WithAdditionalFile(File, yaml, (SchemaTestInputs.SchemaFlag, "true")),
            new KrytenSchemaGenerator());

    private static void Single(string yaml, string id, int line, string? message = null)
    {
        var output = Run(yaml);
        output.GeneratorExceptions.ShouldBeEmpty();
        var diagnostic = output.GeneratorDiagnostics.Where(d => d.Id == id).ShouldHaveSingleItem();
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(File);
        (span.StartLinePosition.Line + 1).ShouldBe(line);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        if (message is not null)
        {
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(message);
        }
    }
}
