using System.Linq;
using System.Threading;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kryten.Sdk.Generators.Handlers;

/// <summary>
/// Finds the event records a project's own KrytenSchema YAML declares. The schema generator creates those
/// records in the same compilation, where this generator cannot see them as symbols; a handler whose
/// parameter type does not bind is matched against these names. File selection, mode and namespace are the
/// schema generator's own rules, and parsing is its parser, so both generators agree on what exists;
/// schema problems are reported once, by the schema generator (KRY0xx).
/// </summary>
internal static class UserSchemaEventReader
{
    /// <summary>True for the project's schema files, and only in user mode (SDK records are reachable as symbols).</summary>
    public static bool IsUserSchemaFile(AdditionalText text, AnalyzerConfigOptionsProvider options) =>
        KrytenSchemaGenerator.Execute.IsSchemaFile(text, options)
        && !KrytenSchemaGenerator.Execute.ReadOptions(options.GlobalOptions).Sdk;

    /// <summary>The namespace the schema generator emits user records into.</summary>
    public static string UserNamespace(AnalyzerConfigOptions globalOptions) =>
        KrytenSchemaGenerator.Execute.ReadOptions(globalOptions).UserNamespace;

    /// <summary>The (record, cytube) pairs of the events in one schema file.</summary>
    public static EquatableArray<UserSchemaEvent> Read(AdditionalText text, CancellationToken cancellationToken) =>
        SchemaFileParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString(), cancellationToken)
            .Events
            .Select(e => new UserSchemaEvent(e.Record, e.Cytube))
            .ToEquatableArray();
}
