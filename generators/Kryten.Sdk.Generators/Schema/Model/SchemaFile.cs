using Kryten.Sdk.Generators.Common;

namespace Kryten.Sdk.Generators.Schema.Model;

/// <summary>
/// Everything one YAML schema file declares, exactly as written (names unresolved), plus the
/// diagnostics its parsing produced. Must stay equatable: it is the cached output of the parse step,
/// so an unchanged file is never parsed or bound again.
/// </summary>
/// <param name="Path">The file path, for diagnostics and stable ordering.</param>
/// <param name="Types">Shared object types (<c>types:</c>).</param>
/// <param name="Events">CyTube events (<c>events:</c>).</param>
/// <param name="Commands">Commands and queries (<c>commands:</c>, <c>queries:</c>).</param>
/// <param name="Wire">Wire settings (<c>wire:</c>), when the file has them.</param>
/// <param name="Diagnostics">Problems found while parsing.</param>
/// <param name="Services">Service contracts (<c>services:</c>).</param>
internal sealed record SchemaFile(
    string Path,
    EquatableArray<TypeDecl> Types,
    EquatableArray<EventDecl> Events,
    EquatableArray<CommandDecl> Commands,
    WireDecl? Wire,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<ServiceDecl> Services = default);

/// <summary>A shared object type.</summary>
/// <param name="Name">C# record name.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Fields">Object fields.</param>
/// <param name="KeepExtra">Unknown keys are kept in an <c>Extra</c> dictionary.</param>
/// <param name="Location">Where the declaration starts.</param>
/// <param name="Derived">Computed read-only properties.</param>
internal sealed record TypeDecl(string Name, string? Doc, EquatableArray<FieldDecl> Fields, bool KeepExtra, LocationInfo? Location, EquatableArray<DerivedDecl> Derived = default);

/// <summary>One field of an object type, a bare payload value, an array item or a positional argument.</summary>
/// <param name="Json">JSON key; empty for bare values, items and positional arguments.</param>
/// <param name="Name">C# property name (the stem for <c>epochMs</c>/<c>jsonString</c> fields).</param>
/// <param name="Type">The type expression as written.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Absent">What absence of the key means.</param>
/// <param name="Default">The YAML <c>default:</c> scalar, if any.</param>
/// <param name="Nullable">JSON null is allowed.</param>
/// <param name="Location">Where the field starts.</param>
/// <param name="Flatten">Forward the nested type's properties onto the owner: <c>true</c> (no prefix) or a prefix.</param>
internal sealed record FieldDecl(
    string Json,
    string Name,
    string Type,
    string? Doc,
    Absence Absent,
    string? Default,
    bool Nullable,
    LocationInfo? Location,
    string? Flatten = null);

/// <summary>What the absence of a JSON key means.</summary>
internal enum Absence
{
    /// <summary>The key is required; absence is a <c>JsonException</c>.</summary>
    Error,

    /// <summary>Absence reads as null.</summary>
    Null,

    /// <summary>Absence reads as the field's default value.</summary>
    Default,
}

/// <summary>The JSON kind of an event payload.</summary>
internal enum PayloadKind
{
    /// <summary>A JSON object with fields.</summary>
    Object,

    /// <summary>A JSON array: a list of one item type, or positional arguments.</summary>
    Array,

    /// <summary>A bare string.</summary>
    String,

    /// <summary>A bare number.</summary>
    Number,

    /// <summary>A bare boolean.</summary>
    Boolean,

    /// <summary>No payload (JSON null).</summary>
    Null,
}

/// <summary>
/// An event a handler can take: a CyTube server-to-client event (<c>cytube:</c>), relayed in the bridge's envelope, or a
/// Kryten lifecycle event (<c>lifecycle:</c>), published as flat JSON on its own subject.
/// </summary>
/// <param name="Cytube">The event's name: the Socket.IO event name in CyTube's case, or the lifecycle name (<c>robot.startup</c>).</param>
/// <param name="Record">C# record name.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Payload">Payload kind.</param>
/// <param name="Fields">Object fields (object payloads).</param>
/// <param name="Value">The bare value (string/number/boolean payloads).</param>
/// <param name="Items">The item list (array payloads of one type).</param>
/// <param name="Args">Positional arguments (multi-argument array payloads).</param>
/// <param name="Derived">Computed read-only properties.</param>
/// <param name="Tags">Free-form tags.</param>
/// <param name="KeepExtra">Unknown keys are kept in an <c>Extra</c> dictionary.</param>
/// <param name="Location">Where the declaration starts.</param>
/// <param name="Lifecycle">Declared with <c>lifecycle:</c>: not a CyTube event, so not in the event registry.</param>
internal sealed record EventDecl(
    string Cytube,
    string Record,
    string? Doc,
    PayloadKind Payload,
    EquatableArray<FieldDecl> Fields,
    FieldDecl? Value,
    FieldDecl? Items,
    EquatableArray<FieldDecl> Args,
    EquatableArray<DerivedDecl> Derived,
    EquatableArray<string> Tags,
    bool KeepExtra,
    LocationInfo? Location,
    bool Lifecycle = false);

/// <summary>A computed read-only property (<c>derived:</c>).</summary>
/// <param name="Name">C# property name.</param>
/// <param name="Kind">One of the fixed derive kinds (see <c>DeriveKinds</c>).</param>
/// <param name="From">Source field JSON key (or <c>value</c>), optionally a dotted path.</param>
/// <param name="Value">Comparison value for <c>equalsString</c>.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Location">Where the declaration starts.</param>
internal sealed record DerivedDecl(string Name, string Kind, string From, string? Value, string? Doc, LocationInfo? Location);

/// <summary>A bridge command or query on the command subject.</summary>
/// <param name="Method">SDK method stem (e.g. <c>Say</c> → <c>SayAsync</c>).</param>
/// <param name="Command">The bridge's <c>command</c> string.</param>
/// <param name="IsQuery">Declared under <c>queries:</c>: only a waiting method is generated.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Frame">The CyTube frame the command causes (docs).</param>
/// <param name="Rank">The CyTube rank it needs (docs).</param>
/// <param name="Remarks">Extra remarks (docs).</param>
/// <param name="Example">A C# example call; synthesized when absent.</param>
/// <param name="Placement">Where the bridge reads the arguments.</param>
/// <param name="Args">Arguments.</param>
/// <param name="Reply">Reply type name; null for the generic acknowledgement.</param>
/// <param name="Location">Where the declaration starts.</param>
internal sealed record CommandDecl(
    string Method,
    string Command,
    bool IsQuery,
    string? Doc,
    string? Frame,
    string? Rank,
    string? Remarks,
    string? Example,
    ArgsPlacement Placement,
    EquatableArray<ArgDecl> Args,
    string? Reply,
    LocationInfo? Location);

/// <summary>Where the bridge reads command arguments (mirrors <c>KrytenArgsPlacement</c>).</summary>
internal enum ArgsPlacement
{
    /// <summary>Inside <c>args</c>.</summary>
    Args,

    /// <summary>At the top level of the request.</summary>
    TopLevel,
}

/// <summary>One command argument.</summary>
/// <param name="Name">C# parameter name (camelCase).</param>
/// <param name="Json">The JSON key the bridge reads.</param>
/// <param name="Type">Type expression.</param>
/// <param name="Required">The caller must pass it.</param>
/// <param name="Default">Default value scalar for optional arguments.</param>
/// <param name="Doc">Parameter documentation.</param>
/// <param name="Encode">Wire encoding override (<c>string</c>, <c>numberIfDigits</c>).</param>
/// <param name="ChatText">This argument is the chat text the runtime splits and paces (<c>chatText: true</c>).</param>
/// <param name="Rules">Validation rules.</param>
/// <param name="Location">Where the declaration starts.</param>
internal sealed record ArgDecl(
    string Name,
    string Json,
    string Type,
    bool Required,
    string? Default,
    string? Doc,
    string? Encode,
    bool ChatText,
    EquatableArray<RuleDecl> Rules,
    LocationInfo? Location);

/// <summary>A validation rule of an argument.</summary>
/// <param name="Kind">notEmpty, maxLength, maxBytes, enum, range, pattern.</param>
/// <param name="Values">The rule's values (limit, enum members, min/max, regex).</param>
/// <param name="Location">Where the rule is written.</param>
internal sealed record RuleDecl(string Kind, EquatableArray<string> Values, LocationInfo? Location);

/// <summary>Wire settings from <c>kryten.yaml</c>: name → constant value, in file order.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="Location">Where <c>wire:</c> starts.</param>
internal sealed record WireDecl(EquatableArray<WireSetting> Settings, LocationInfo? Location);

/// <summary>One wire setting.</summary>
/// <param name="Name">C# constant name.</param>
/// <param name="Value">String value.</param>
/// <param name="Doc">Documentation.</param>
internal sealed record WireSetting(string Name, string Value, string? Doc);
