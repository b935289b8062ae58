using System.Diagnostics;
using System.Text;
using Kryten.Tests.Infrastructure;

namespace Kryten.Nats.Tests.Connection;

/// <summary>Runs <c>interop/peer.js</c> (official nats.js) as a child process and reads its stdout lines.</summary>
internal sealed class JsPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private JsPeer(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) _lines.Writer.TryComplete();
            else _lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static JsPeer Start(string mode, string url)
    {
        var dir = Path.Combine(RepositoryPaths.Root, "tests", "Kryten.Nats.Tests", "interop");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "nats")))
            throw new InvalidOperationException($"run `npm install` in {dir} (bash .ci/test does it)");
        var psi = new ProcessStartInfo("node", $"peer.js {mode} {url}")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new JsPeer(Process.Start(psi) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>The next stdout line, or a failure carrying the peer's stderr after a generous timeout.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            if (await _lines.Reader.WaitToReadAsync(cts.Token) && _lines.Reader.TryRead(out var line)) return line;
        }
        catch (OperationCanceledException) { }
        lock (_stderr) throw new InvalidOperationException("js peer produced no output; stderr: " + _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
