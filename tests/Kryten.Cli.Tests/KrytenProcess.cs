using System.Diagnostics;
using System.Text;

namespace Kryten.Cli.Tests;

/// <summary>Runs the real <c>kryten</c> (kryten.dll beside the tests) as a child process, as a script would.</summary>
internal sealed class KrytenProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _pumps;

    private KrytenProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(Pump(process.StandardOutput, _stdout), Pump(process.StandardError, _stderr));
    }

    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public static KrytenProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kryten.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tests give every setting as a flag: nothing from the machine's environment may leak in.
        foreach (var name in new[] { "KRYTEN_CONFIG", "KRYTEN_NATS_URL", "KRYTEN_CHANNEL", "KRYTEN_DOMAIN" })
        {
            start.Environment.Remove(name);
        }

        return new KrytenProcess(Process.Start(start) ?? throw new InvalidOperationException("kryten did not start"));
    }

    /// <summary>Runs <c>kryten args…</c> to its end.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        await using var kryten = Start(args);
        var exitCode = await kryten.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return (exitCode, kryten.Stdout, kryten.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        await _process.WaitForExitAsync(timeout.Token);
        await _pumps;
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout has a line containing <paramref name="text"/>, and returns it.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var line = Stdout.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"kryten printed no line with '{text}'.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _pumps;
        _process.Dispose();
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Append(line).Append('\n');
            }
        }
    }
}
