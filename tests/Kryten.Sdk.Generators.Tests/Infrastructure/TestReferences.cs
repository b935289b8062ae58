using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// The metadata references a test compilation gets: the runtime's own framework assemblies (from the
/// trusted platform assembly list, restricted to the framework directory so that the test's own
/// dependencies don't leak in twice) plus Kryten.Sdk as built by the project reference.
/// </summary>
public static class TestReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Defaults = new(Load);

    /// <summary>Framework + Kryten.Sdk.</summary>
    public static IReadOnlyList<MetadataReference> All => Defaults.Value;

    /// <summary>The Kryten.Sdk assembly the test project was built against.</summary>
    public static string KrytenSdkPath => typeof(KrytenHandlerAttribute).Assembly.Location;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal));
        return trusted.Append(KrytenSdkPath)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
