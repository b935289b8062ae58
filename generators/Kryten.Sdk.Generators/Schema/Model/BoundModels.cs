using Kryten.Sdk.Generators.Common;

namespace Kryten.Sdk.Generators.Schema.Model;

// Bound models: names resolved, no locations, everything the emitters need and nothing else.
// They must stay equatable (records of strings, bools, enums and EquatableArray) so that an edit which
// does not change what a file emits leaves that output step Cached/Unchanged.

/// <summary>How a value is read and written.</summary>
internal enum ValueKind
{
    /// <summary>JSON string.</summary>
    String,

    /// <summary>JSON true/false.</summary>
    Bool,

    /// <summary>Integral JSON number, int32.</summary>
    Int,

    /// <summary>Integral JSON number, int64.</summary>
    Long,

    /// <summary>Any JSON number as double (also ranks).</summary>
    Double,

    /// <summary>Epoch milliseconds: long plus a DateTimeOffset view.</summary>
    EpochMs,

    /// <summary>Any JSON value as JsonElement.</summary>
    Json,

    /// <summary>A number or a string (hidden poll counts).</summary>
    StringOrNumber,

    /// <summary>A string containing JSON of <see cref="TypeRef.Element"/>.</summary>
    JsonString,

    /// <summary>An object, or a string containing JSON.</summary>
    JsonOrJsonString,

    /// <summary>A JSON array of <see cref="TypeRef.Element"/>.</summary>
    List,

    /// <summary>A JSON object with arbitrary keys and <see cref="TypeRef.Element"/> values.</summary>
    Map,

    /// <summary>A declared object type or event record.</summary>
    Object,
}

/// <summary>A resolved type expression.</summary>
/// <param name="Kind">Value kind.</param>
/// <param name="Nullable">JSON null allowed / C# type is nullable.</param>
/// <param name="Element">Element type of lists, maps and JSON strings.</param>
/// <param name="ObjectFqn"><c>global::</c> name of a declared type.</param>
/// <param name="ConverterFqn">Generated converter of a type of this assembly; null for referenced types.</param>
/// <param name="ExternalTypeInfo">For referenced types: expression of their <c>JsonTypeInfo</c>.</param>
internal sealed record TypeRef(
    ValueKind Kind,
    bool Nullable,
    TypeRef? Element,
    string? ObjectFqn,
    string? ConverterFqn,
    string? ExternalTypeInfo)
{
    public TypeRef WithNullable(bool nullable) => nullable == Nullable ? this : this with { Nullable = nullable };
}

/// <summary>A bound field.</summary>
/// <param name="Json">JSON key (empty for bare values, items, positional args).</param>
/// <param name="Name">Property stem.</param>
/// <param name="Type">Type, with <see cref="TypeRef.Nullable"/> covering both JSON null and absence as null.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Absent">Absence semantics.</param>
/// <param name="DefaultExpr">C# expression used when absent (for <see cref="Absence.Default"/>).</param>
/// <param name="Flatten">Prefix of forwarders for a flattened field; null when not flattened.</param>
internal sealed record FieldModel(string Json, string Name, TypeRef Type, string? Doc, Absence Absent, string? DefaultExpr, string? Flatten = null);

/// <summary>The JSON shape of a generated record.</summary>
internal enum ShapeKind
{
    /// <summary>JSON object with fields.</summary>
    Object,

    /// <summary>JSON array of one item type (the single field).</summary>
    List,

    /// <summary>JSON array of positional arguments (the fields, in order).</summary>
    Args,

    /// <summary>A bare JSON value (the single field).</summary>
    Value,

    /// <summary>No payload.</summary>
    Null,
}

/// <summary>A derived (computed) property.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Kind">Derive kind.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Source">The source field's property name.</param>
/// <param name="SourceType">The source field's type.</param>
/// <param name="Path">Nested keys below the source (kind <c>path</c>).</param>
/// <param name="Value">Comparison value (kind <c>equalsString</c>).</param>
internal sealed record DerivedModel(string Name, string Kind, string? Doc, string Source, TypeRef SourceType, EquatableArray<string> Path, string? Value);

/// <summary>One generated record (shared type or event) with its JSON converter.</summary>
/// <param name="Name">Record name.</param>
/// <param name="Namespace">Namespace of the record and of the JSON context.</param>
/// <param name="Doc">Summary text.</param>
/// <param name="Shape">JSON shape.</param>
/// <param name="Fields">Fields (see <see cref="ShapeKind"/>).</param>
/// <param name="Derived">Derived properties.</param>
/// <param name="KeepExtra">Keep unknown keys.</param>
/// <param name="CytubeEvent">The event's name for event records (CyTube's, or the lifecycle name); null for shared types.</param>
/// <param name="Tags">Event tags, for docs.</param>
/// <param name="Forwarders">Read-only properties forwarding to a flattened field's members.</param>
/// <param name="Lifecycle">A lifecycle event record (flat JSON on a lifecycle subject), not a CyTube event.</param>
internal sealed record ObjectModel(
    string Name,
    string Namespace,
    string? Doc,
    ShapeKind Shape,
    EquatableArray<FieldModel> Fields,
    EquatableArray<DerivedModel> Derived,
    bool KeepExtra,
    string? CytubeEvent,
    EquatableArray<string> Tags,
    EquatableArray<ForwarderModel> Forwarders = default,
    bool Lifecycle = false);

/// <summary>A get-only property forwarding to a member of a flattened field (not serialized).</summary>
/// <param name="Name">Property name.</param>
/// <param name="Type">C# type of the property.</param>
/// <param name="Expression">The forwarding expression.</param>
/// <param name="Doc">Summary text.</param>
internal sealed record ForwarderModel(string Name, string Type, string Expression, string? Doc);

/// <summary>A bound validation rule.</summary>
/// <param name="Kind">notEmpty, maxLength, maxBytes, enum, range, pattern.</param>
/// <param name="Values">Checked values: limit / members / min and max (either may be empty) / regex.</param>
internal sealed record RuleModel(string Kind, EquatableArray<string> Values);

/// <summary>A bound command argument.</summary>
/// <param name="Name">C# parameter name.</param>
/// <param name="Property">C# property name on the args class.</param>
/// <param name="Json">JSON key.</param>
/// <param name="Type">Type.</param>
/// <param name="Required">No default.</param>
/// <param name="DefaultExpr">C# default (constant) expression for optional arguments.</param>
/// <param name="Doc">Documentation.</param>
/// <param name="Encode">Wire encoding override.</param>
/// <param name="ChatText">The chat text the runtime splits and paces.</param>
/// <param name="Rules">Validation rules.</param>
internal sealed record ArgModel(
    string Name,
    string Property,
    string Json,
    TypeRef Type,
    bool Required,
    string? DefaultExpr,
    string? Doc,
    string? Encode,
    bool ChatText,
    EquatableArray<RuleModel> Rules);

/// <summary>A bound command or query.</summary>
/// <param name="Method">Method stem.</param>
/// <param name="Command">Bridge command string.</param>
/// <param name="IsQuery">Only the waiting form is generated, named <c>{Method}Async</c>.</param>
/// <param name="Doc">Summary.</param>
/// <param name="Frame">CyTube frame caused.</param>
/// <param name="Rank">Rank needed.</param>
/// <param name="Remarks">Extra remarks.</param>
/// <param name="Example">Example code.</param>
/// <param name="Placement">Args placement.</param>
/// <param name="Args">Arguments, required ones first.</param>
/// <param name="ReplyFqn">Reply type.</param>
/// <param name="ReplyTypeInfo">Expression of the reply's JsonTypeInfo.</param>
/// <param name="Namespace">Namespace of <c>KrytenCommands</c>.</param>
/// <param name="ArgsNamespace">Namespace of the args classes.</param>
internal sealed record CommandModel(
    string Method,
    string Command,
    bool IsQuery,
    string? Doc,
    string? Frame,
    string? Rank,
    string? Remarks,
    string? Example,
    ArgsPlacement Placement,
    EquatableArray<ArgModel> Args,
    string ReplyFqn,
    string ReplyTypeInfo,
    string Namespace,
    string ArgsNamespace);

/// <summary>The JSON context: every record of this assembly.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Public">SDK mode: public; user mode: internal.</param>
/// <param name="TypeNames">Record names.</param>
internal sealed record ContextModel(string Namespace, bool Public, EquatableArray<string> TypeNames);

/// <summary>One registry entry.</summary>
/// <param name="Cytube">CyTube event name.</param>
/// <param name="Record">Record name.</param>
internal sealed record RegistryEntry(string Cytube, string Record);

/// <summary>The event registry.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Public">SDK mode: public; user mode: internal.</param>
/// <param name="Entries">Events, sorted by CyTube name.</param>
internal sealed record RegistryModel(string Namespace, bool Public, EquatableArray<RegistryEntry> Entries);

/// <summary>The wire literals class.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Settings">Settings.</param>
internal sealed record WireModel(string Namespace, EquatableArray<WireSetting> Settings);

/// <summary>Options read from MSBuild.</summary>
/// <param name="Sdk">SDK mode (<c>KrytenSchemaMode=sdk</c>).</param>
/// <param name="UserNamespace">User-mode namespace.</param>
internal sealed record GeneratorOptions(bool Sdk, string UserNamespace)
{
    public const string SdkEventsNamespace = "Kryten.Sdk.Events";

    public string RecordsNamespace => Sdk ? SdkEventsNamespace : UserNamespace;

    public string CommandsNamespace => Sdk ? "Kryten.Sdk" : UserNamespace;

    public string ArgsNamespace => Sdk ? "Kryten.Sdk.Commands" : UserNamespace + ".Commands";

    public string ServicesNamespace => Sdk ? "Kryten.Sdk.Services" : UserNamespace;
}

/// <summary>Everything bound from all schema files of a compilation.</summary>
/// <param name="Objects">Records.</param>
/// <param name="Commands">Commands and queries.</param>
/// <param name="Context">JSON context.</param>
/// <param name="Registry">Event registry.</param>
/// <param name="Wire">Wire literals, when declared.</param>
/// <param name="CommandsNamespace">Namespace of the <c>KrytenCommands</c> class; null when there are no commands.</param>
/// <param name="Diagnostics">Binding diagnostics.</param>
/// <param name="Services">Service contracts.</param>
internal sealed record BoundSchema(
    EquatableArray<ObjectModel> Objects,
    EquatableArray<CommandModel> Commands,
    ContextModel? Context,
    RegistryModel? Registry,
    WireModel? Wire,
    string? CommandsNamespace,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<ServiceModel> Services = default);
