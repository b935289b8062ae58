using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Diagnostics;

/// <summary>
/// The one catalog of Kryten generator diagnostics. IDs are stable: <c>KRY0xx</c> for schema problems
/// (this file), <c>KRY1xx</c> for handler problems (DiagnosticDescriptors.Handlers.cs), <c>KRY2xx</c> for chat
/// commands (DiagnosticDescriptors.ChatCommands.cs). New entries go to
/// AnalyzerReleases.Unshipped.md; never renumber.
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string SchemaCategory = "Kryten.Schema";
    private const string HelpBase = "https://github.com/kryten-sdk/Kryten.Sdk/blob/main/schema/README.md#";

    /// <summary>KRY001: "Schema file '{0}' is not valid YAML: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidYaml = Schema(
        "KRY001", "Schema file is not valid YAML", "Schema file '{0}' is not valid YAML: {1}");

    /// <summary>KRY002: "Unknown type '{0}' in {1}".</summary>
    public static readonly DiagnosticDescriptor UnknownType = Schema(
        "KRY002", "Unknown schema type", "Unknown type '{0}' in {1}");

    /// <summary>KRY003: "Duplicate {0} '{1}'".</summary>
    public static readonly DiagnosticDescriptor DuplicateName = Schema(
        "KRY003", "Duplicate schema name", "Duplicate {0} '{1}'");

    /// <summary>KRY004: "Invalid validation rule on '{0}': {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidRule = Schema(
        "KRY004", "Invalid validation rule", "Invalid validation rule on '{0}': {1}");

    /// <summary>KRY005: "Invalid derived property '{0}': {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidDerived = Schema(
        "KRY005", "Invalid derived property", "Invalid derived property '{0}': {1}");

    /// <summary>KRY006: "{0} requires the key '{1}'".</summary>
    public static readonly DiagnosticDescriptor MissingKey = Schema(
        "KRY006", "Missing schema key", "{0} requires the key '{1}'");

    /// <summary>KRY007: "Unknown key '{0}' in {1}" (warning: a typo would otherwise be ignored silently).</summary>
    public static readonly DiagnosticDescriptor UnknownKey = Schema(
        "KRY007", "Unknown schema key", "Unknown key '{0}' in {1}", DiagnosticSeverity.Warning);

    /// <summary>KRY008: "Event '{0}' has an invalid payload shape: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidPayloadShape = Schema(
        "KRY008", "Invalid payload shape", "Event '{0}' has an invalid payload shape: {1}");

    /// <summary>KRY009: "'{0}' is not usable as a C# name: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidName = Schema(
        "KRY009", "Invalid C# name", "'{0}' is not usable as a C# name: {1}");

    /// <summary>KRY010: "Default '{0}' of '{1}' is not a valid {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidDefault = Schema(
        "KRY010", "Invalid default value", "Default '{0}' of '{1}' is not a valid {2}");

    /// <summary>KRY011: "Invalid value '{0}' for '{1}': expected {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidValue = Schema(
        "KRY011", "Invalid schema value", "Invalid value '{0}' for '{1}': expected {2}");

    /// <summary>KRY012: "The Kryten schema generator failed on {0}: {1}" (a bug; the build continues without that output).</summary>
    public static readonly DiagnosticDescriptor GeneratorFailure = Schema(
        "KRY012", "Schema generator failure", "The Kryten schema generator failed on {0}: {1}");

    /// <summary>KRY013: "Wire settings are missing: no schema file declares 'wire:'" (SDK mode only).</summary>
    public static readonly DiagnosticDescriptor MissingWireSettings = Schema(
        "KRY013", "Missing wire settings", "Wire settings are missing: no schema file declares 'wire:'{0}");

    /// <summary>KRY014: "Service '{0}': {1}" (a contract problem no other diagnostic names: service name, error codes, built-ins).</summary>
    public static readonly DiagnosticDescriptor InvalidService = Schema(
        "KRY014", "Invalid service contract", "Service '{0}': {1}");

    private static DiagnosticDescriptor Schema(
        string id,
        string title,
        string message,
        DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, SchemaCategory, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
