using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with checked-in snapshots
/// (<c>Snapshots/&lt;Test&gt;/&lt;hint name without .cs&gt;.verified.cs</c>, next to the calling test file).
/// Set <c>KRYTEN_ACCEPT_SNAPSHOTS=1</c> to (re)write them; on a mismatch a <c>*.received.cs</c> file is
/// written beside the snapshot and the test fails with the first differing lines.
/// The generator version in <c>[GeneratedCode]</c> is scrubbed so snapshots survive version bumps.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public void Emits_dispatch_for_chat_handler() =>
///     Snapshot.Verify(GeneratorRunner.Run(input, new KrytenHandlerGenerator()));
/// </code>
/// </example>
public static partial class Snapshot
{
    /// <summary>Environment variable that makes <see cref="Verify(GeneratorRunOutput, Func{GeneratedFile, bool}?, string, string)"/> rewrite snapshots.</summary>
    public const string AcceptVariable = "KRYTEN_ACCEPT_SNAPSHOTS";

    private const int ContextLines = 3;

    /// <summary>
    /// Verifies every generated file (or those <paramref name="include"/> selects) and that no snapshot
    /// exists for a file that is no longer generated.
    /// </summary>
    public static void Verify(
        GeneratorRunOutput output,
        Func<GeneratedFile, bool>? include = null,
        [CallerMemberName] string testName = "",
        [CallerFilePath] string callerFile = "")
    {
        var files = output.GeneratedSources.Where(include ?? (_ => true)).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"{testName}: nothing was generated to snapshot.");
        }

        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots", testName);
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        var failures = new List<string>();
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in files)
        {
            var baseName = SnapshotBaseName(file.HintName);
            expectedNames.Add(baseName + ".verified.cs");
            var verifiedPath = Path.Combine(directory, baseName + ".verified.cs");
            var receivedPath = Path.Combine(directory, baseName + ".received.cs");
            var actual = Scrub(file.Text);

            if (accept)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
                File.Delete(receivedPath);
                continue;
            }

            var expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (expected == actual)
            {
                File.Delete(receivedPath);
                continue;
            }

            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
            failures.Add(expected is null
                ? $"{file.HintName}: no snapshot at {verifiedPath} (received written; set {AcceptVariable}=1 to accept)"
                : $"{file.HintName}: differs from {verifiedPath}\n{DiffExcerpt(expected, actual)}");
        }

        if (Directory.Exists(directory))
        {
            foreach (var stale in Directory.GetFiles(directory, "*.verified.cs").Select(Path.GetFileName))
            {
                if (expectedNames.Contains(stale!))
                {
                    continue;
                }

                if (accept)
                {
                    File.Delete(Path.Combine(directory, stale!));
                }
                else
                {
                    failures.Add($"{stale}: snapshot exists but the file is no longer generated");
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new SnapshotMismatchException(string.Join("\n\n", failures));
        }
    }

    /// <summary>Replaces the generator version in <c>[GeneratedCode]</c> and normalizes newlines.</summary>
    public static string Scrub(string source) =>
        GeneratedCodeVersion().Replace(Normalize(source), "GeneratedCode(\"$1\", \"{version}\")");

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string SnapshotBaseName(string hintName)
    {
        var name = hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName;
        return name.Replace('/', '_').Replace('\\', '_');
    }

    private static string DiffExcerpt(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = 0;
        while (first < expectedLines.Length && first < actualLines.Length && expectedLines[first] == actualLines[first])
        {
            first++;
        }

        var sb = new StringBuilder();
        sb.Append("first difference at line ").Append(first + 1).Append('\n');
        var from = Math.Max(0, first - ContextLines);
        for (var i = from; i < Math.Min(expectedLines.Length, first + ContextLines + 1); i++)
        {
            sb.Append(i == first ? "- " : "  ").Append(expectedLines[i]).Append('\n');
        }

        for (var i = first; i < Math.Min(actualLines.Length, first + ContextLines + 1); i++)
        {
            sb.Append(i == first ? "+ " : "  ").Append(actualLines[i]).Append('\n');
        }

        return sb.ToString();
    }

    [GeneratedRegex("""GeneratedCode\("([^"]*)", "[^"]*"\)""")]
    private static partial Regex GeneratedCodeVersion();
}

/// <summary>A generated file does not match its snapshot.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
