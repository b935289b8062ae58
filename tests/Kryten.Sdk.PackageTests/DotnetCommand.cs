using System.Diagnostics;
using System.Text;

namespace Kryten.Sdk.PackageTests;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process with a hard time limit, capturing its output.
/// Build servers are disabled so that no MSBuild/compiler server outlives the test (other builds on the
/// machine share none of our state), and MSBuild variables inherited from the test host are removed.
/// </summary>
internal static class DotnetCommand
{
    /// <summary>Runs <c>dotnet args…</c> in <paramref name="workingDirectory"/>; the process tree is killed at <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {timeout}:\n{Tail(output)}");
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>The last part of a long log, for failure messages.</summary>
    public static string Tail(StringBuilder output) => Tail(output.ToString());

    /// <summary>The last part of a long log, for failure messages.</summary>
    public static string Tail(string output) => output.Length > 6000 ? "…" + output[^6000..] : output;

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }
}
