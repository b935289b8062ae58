using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kryten.Sdk.Generators.Common;

/// <summary>
/// A <see cref="Location"/> reduced to values, so that it can live in cacheable models
/// (a <see cref="Location"/> roots its syntax tree and never compares equal across runs).
/// Works for C# files and for YAML additional files alike.
/// </summary>
/// <param name="FilePath">The file the location points into.</param>
/// <param name="TextSpan">Character span in the file.</param>
/// <param name="LineSpan">Zero-based line/character span in the file.</param>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>Rebuilds a location for reporting.</summary>
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    /// <summary>Captures a source location; null when there is none.</summary>
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>Captures the location of a syntax node.</summary>
    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());
}
