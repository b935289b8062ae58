using Kryten.Sdk.Generators.Tests.Infrastructure;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>Schema inputs for generator tests: the repository's own schema, and a small representative user schema.</summary>
internal static class SchemaTestInputs
{
    public const string SchemaFlag = "build_metadata.AdditionalFiles.KrytenSchema";

    /// <summary>A user-mode schema that uses every feature once: each type kind, absence rule, payload shape, derive kind, rule, encoding.</summary>
    public const string RepresentativeYaml = """
        types:
          - name: Gadget
            doc: A gadget.
            extra: keep
            fields:
              - { json: id, name: Id, type: string, doc: The id. }
              - { json: level, name: Level, type: rank, default: 0 }
              - { json: tags, name: Tags, type: "string[]", absent: default }
              - { json: scores, name: Scores, type: "map<int>", absent: null }
              - { json: seen, name: Seen, type: epochMs, nullable: true, absent: null }
          - name: Holder
            doc: Holds a gadget.
            fields:
              - { json: gadget, name: Gadget, type: Gadget, flatten: Gadget }
              - { json: owner, name: Owner, type: User, absent: null }
        events:
          - cytube: gadgetAdded
            record: GadgetAdded
            doc: A gadget was added.
            fields:
              - { json: gadget, name: Gadget, type: Gadget }
              - { json: time, name: Time, type: epochMs }
              - { json: after, name: After, type: json }
              - { json: counts, name: Counts, type: "stringOrNumber[]" }
              - { json: meta, name: Meta, type: jsonOrJsonString, absent: null }
              - { json: blob, name: Blob, type: "jsonString<Gadget>", absent: null, nullable: true }
              - { json: password, name: Password, type: json, absent: null }
            derived:
              - { name: AfterUid, kind: integerOrNumericString, from: after }
              - { name: Prepend, kind: equalsString, from: after, value: prepend }
              - { name: HasPassword, kind: truthy, from: password }
              - { name: CountsHidden, kind: anyString, from: counts }
              - { name: MetaUrl, kind: path, from: meta.url }
          - cytube: gadgetCount
            record: GadgetCount
            payload: number
            value: { name: Count, type: int }
          - cytube: gadgetList
            record: GadgetList
            payload: array
            items: { name: Gadgets, type: Gadget }
          - cytube: gadgetPair
            record: GadgetPair
            payload: array
            tags: [multi-arg]
            args:
              - { name: First, type: string }
              - { name: Second, type: int, absent: null }
          - cytube: gadgetsCleared
            record: GadgetsCleared
            payload: "null"
        commands:
          - method: AddGadget
            command: addGadget
            doc: Adds a gadget.
            frame: addGadget {"id"}
            rank: "2"
            args:
              - { name: id, json: id, type: string, rules: [ { notEmpty: true }, { maxLength: 10 } ] }
              - { name: kind, json: kind, type: string, default: small, rules: [ { enum: [small, large] } ] }
              - { name: size, json: size, type: int, default: 1, rules: [ { range: { min: 1, max: 9 } } ] }
              - { name: note, json: note, type: string, required: false, rules: [ { maxBytes: 8 }, { pattern: '^[a-z]*$' } ] }
              - { name: uid, json: uid, type: long, encode: string, default: 0 }
              - { name: after, json: after, type: string, encode: numberIfDigits, default: append }
              - { name: labels, json: labels, type: "string[]", required: false }
          - { method: ClearGadgets, command: clearGadgets, doc: Removes every gadget. }
          - method: AnnounceGadget
            command: announceGadget
            doc: Says something about a gadget in chat.
            args:
              - { name: id, json: id, type: string }
              - { name: text, json: text, type: string, chatText: true, rules: [ { notEmpty: true } ] }
        queries:
          - { method: GetGadget, command: state.gadget, reply: Holder, args: [ { name: id, json: id, type: string } ] }
        """;

    public static GeneratorInput UserInput(string yaml = RepresentativeYaml) =>
        GeneratorInput.Empty
            .WithGlobalOption("build_property.RootNamespace", "Contoso.Bot")
            .WithAdditionalFile("/project/kryten/gadgets.yaml", yaml, (SchemaFlag, "true"));

    /// <summary>The repository's schema/ files in SDK mode (not compiled: the test references the real SDK, which already holds them).</summary>
    public static GeneratorInput SdkInput()
    {
        var input = GeneratorInput.Empty.WithGlobalOption("build_property.KrytenSchemaMode", "sdk");
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "schema"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            input = input.WithAdditionalFile(path, File.ReadAllText(path), (SchemaFlag, "true"));
        }

        return input;
    }
}
