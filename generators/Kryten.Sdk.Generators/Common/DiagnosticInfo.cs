using System.Linq;
using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Common;

/// <summary>
/// A diagnostic as equatable data: carried through the pipeline in models and turned into a
/// <see cref="Diagnostic"/> only when reported (see dotnet/roslyn#68291 for why not earlier).
/// </summary>
/// <param name="Descriptor">The catalog entry (compares by value).</param>
/// <param name="Location">Where to report; null for a diagnostic without location.</param>
/// <param name="MessageArgs">Arguments of the descriptor's message format, as strings.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    /// <summary>Creates a diagnostic record from format arguments.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor, location, new EquatableArray<string>(messageArgs));

    /// <summary>Builds the Roslyn diagnostic to report.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.Cast<object?>().ToArray());
}
