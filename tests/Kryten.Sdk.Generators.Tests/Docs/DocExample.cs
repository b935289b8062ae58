namespace Kryten.Sdk.Generators.Tests.Docs;

/// <summary>Where a C# example a user reads comes from.</summary>
public enum DocExampleOrigin
{
    /// <summary>A <c>```csharp</c> block of a Markdown page: what a user pastes into a project, so it carries its own usings.</summary>
    Markdown,

    /// <summary>A <c>&lt;code&gt;</c> element of a hand-written <c>///</c> comment in src/.</summary>
    XmlDoc,

    /// <summary>A <c>&lt;code&gt;</c> element the schema generator writes into the SDK's generated sources.</summary>
    GeneratedXmlDoc,
}

/// <summary>
/// One C# example: the file it is read in (repository-relative, or the generated file's hint name), the line of its
/// first line of code there, and its text with the comment or fence around it taken off.
/// </summary>
/// <param name="Origin">Markdown page, hand-written XML doc, or generated XML doc.</param>
/// <param name="Path">Repository-relative path with '/' separators, or the hint name of a generated file.</param>
/// <param name="Line">1-based line of the example's first line in <paramref name="Path"/>.</param>
/// <param name="Code">The example's C#.</param>
/// <param name="DocumentedType">For XML doc examples, the type declaration the comment is on (or inside); null for Markdown.</param>
/// <param name="Schema">For Markdown examples, the <c>```yaml kryten-schema</c> block right before the example: the project's
/// own schema file (a service contract), generated into the example's namespace.</param>
public sealed record DocExample(DocExampleOrigin Origin, string Path, int Line, string Code, string? DocumentedType = null, string? Schema = null)
{
    /// <summary>How a test case names the example: <c>path:line</c>, what an editor jumps to.</summary>
    public string Key => $"{Path}:{Line}";

    /// <inheritdoc/>
    public override string ToString() => Key;
}
