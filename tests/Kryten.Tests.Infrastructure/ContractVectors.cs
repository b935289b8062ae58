using Xunit;

using System.Text.Json;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// Finds and loads the bridge-generated vectors in <c>shared/contract/vectors</c> (beside the
/// repository, as in CI). <c>KRYTEN_VECTORS_DIR</c> overrides the folder, so a held-out set can be
/// swapped in without code changes.
/// </summary>
public static class ContractVectors
{
    public static string Directory { get; } = Locate();

    public static JsonDocument Load(string fileName) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, fileName)));

    /// <summary>The <c>vectors</c> array elements of a vector file, cloned so the document can go.</summary>
    public static IReadOnlyList<JsonElement> Vectors(string fileName)
    {
        using var doc = Load(fileName);
        return doc.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToList();
    }

    /// <summary>The names of the vectors in a file, for <c>[MemberData]</c>/<c>TheoryData</c>.</summary>
    public static TheoryDataNames Names(string fileName) => new(Vectors(fileName).Select(v => v.GetProperty("name").GetString()!));

    /// <summary>One vector by its <c>name</c>.</summary>
    public static JsonElement ByName(string fileName, string name) =>
        Vectors(fileName).Single(v => v.GetProperty("name").GetString() == name);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("KRYTEN_VECTORS_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contract", "vectors");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            "shared/contract/vectors not found above " + AppContext.BaseDirectory + "; set KRYTEN_VECTORS_DIR");
    }
}

/// <summary>A list of vector names usable as xunit theory data.</summary>
public sealed class TheoryDataNames : TheoryData<string>
{
    public TheoryDataNames(IEnumerable<string> names) : base(names) { }
}

/// <summary>The repository root (the folder holding Kryten.Sdk.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = LocateRoot();

    private static string LocateRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kryten.Sdk.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Kryten.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
