using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kryten.Nats.Tests.Auth;

/// <summary>Runs <c>interop/nkeys-peer.js</c> (the official nkeys.js) for one request and returns its JSON answer.</summary>
internal static class NKeysJsPeer
{
    public static async Task<JsonElement> AskAsync(JsonObject request)
    {
        var dir = InteropDirectory();
        var psi = new ProcessStartInfo("node", "nkeys-peer.js")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        await process.StandardInput.WriteAsync(request.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nkeys-peer.js failed ({process.ExitCode}): {await stderr}");
        }

        using var doc = JsonDocument.Parse(await stdout);
        return doc.RootElement.Clone();
    }

    private static string InteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Kryten.Nats.Tests", "Auth", "interop");
            if (File.Exists(Path.Combine(candidate, "nkeys-peer.js")))
            {
                return Directory.Exists(Path.Combine(candidate, "node_modules", "nkeys.js"))
                    ? candidate
                    : throw new InvalidOperationException($"run `npm install` in {candidate} (bash .ci/test does it)");
            }
        }

        throw new InvalidOperationException("tests/Kryten.Nats.Tests/Auth/interop not found above " + AppContext.BaseDirectory);
    }
}
