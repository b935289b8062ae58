using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// A real Debian <c>nats-server</c> on 127.0.0.1 with a random free port, optionally with JetStream
/// in a temp dir and extra config text. Stopped (killed by PID) on dispose.
/// </summary>
public sealed class NatsServerProcess : IAsyncDisposable
{
    private readonly string _workDir;
    private Process? _process;
    private readonly StringBuilder _log = new();

    private NatsServerProcess(int port, string workDir, string? extraConfig, bool jetStream, int? clusterPort, string? routes, string? serverName, int? monitorPort)
    {
        Port = port;
        MonitorPort = monitorPort;
        _workDir = workDir;
        ExtraConfig = extraConfig;
        JetStream = jetStream;
        ClusterPort = clusterPort;
        Routes = routes;
        ServerName = serverName;
    }

    public int Port { get; }
    public int? ClusterPort { get; }
    /// <summary>HTTP monitoring port (<c>/varz</c>, <c>/routez</c>...), when started with <c>monitor: true</c>.</summary>
    public int? MonitorPort { get; }
    public string? MonitorUrl => MonitorPort is int mp ? $"http://127.0.0.1:{mp}" : null;
    public string? Routes { get; }
    public string? ServerName { get; }
    public string? ExtraConfig { get; }
    public bool JetStream { get; }
    public string Url => $"nats://127.0.0.1:{Port}";
    public string WorkDir => _workDir;
    public bool IsRunning => _process is { HasExited: false };
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Path of the nats-server binary (NATS_SERVER_BIN overrides).</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("NATS_SERVER_BIN") is { Length: > 0 } bin ? bin
        : File.Exists("/usr/sbin/nats-server") ? "/usr/sbin/nats-server"
        : "nats-server";

    /// <summary>Starts a server and waits until its client port accepts connections.</summary>
    /// <param name="extraConfig">Config-file text appended (auth blocks, tls blocks, limits...).</param>
    /// <param name="jetStream">Enable JetStream with a temp store dir.</param>
    /// <param name="port">Fixed port (for restart-on-same-port tests); 0 picks a free one.</param>
    /// <param name="clusterPort">Cluster listen port for route tests; null for none.</param>
    /// <param name="routes">Comma-separated <c>nats-route://127.0.0.1:P</c> list.</param>
    /// <param name="monitor">Open the HTTP monitoring endpoint on a free port (it keeps that port across restarts).</param>
    public static async Task<NatsServerProcess> StartAsync(
        string? extraConfig = null, bool jetStream = false, int port = 0, int? clusterPort = null,
        string? routes = null, string? serverName = null, bool monitor = false, CancellationToken cancellationToken = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "kryten-nats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var server = new NatsServerProcess(
            port == 0 ? FreePort() : port, dir, extraConfig, jetStream, clusterPort, routes, serverName, monitor ? FreePort() : null);
        await server.StartProcessAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the same server again (same port, config and store dir) after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        if (IsRunning) throw new InvalidOperationException("already running");
        var conf = new StringBuilder();
        conf.AppendLine($"listen: 127.0.0.1:{Port}");
        if (ServerName is not null) conf.AppendLine($"server_name: {ServerName}");
        if (MonitorPort is int mp) conf.AppendLine($"http: 127.0.0.1:{mp}");
        if (JetStream) conf.AppendLine($"jetstream {{ store_dir: \"{Path.Combine(_workDir, "js")}\" }}");
        if (ClusterPort is int cp)
        {
            conf.AppendLine("cluster {");
            conf.AppendLine("  name: kryten-test");
            conf.AppendLine($"  listen: 127.0.0.1:{cp}");
            if (Routes is { Length: > 0 }) conf.AppendLine($"  routes: [{string.Join(", ", Routes.Split(',').Select(r => r.Trim()))}]");
            conf.AppendLine("}");
        }
        if (ExtraConfig is not null) conf.AppendLine(ExtraConfig);
        var confPath = Path.Combine(_workDir, "server.conf");
        await File.WriteAllTextAsync(confPath, conf.ToString(), cancellationToken).ConfigureAwait(false);

        var psi = new ProcessStartInfo(Binary, $"-c {confPath}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        if (!p.Start()) throw new InvalidOperationException("nats-server did not start");
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        _process = p;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited) throw new InvalidOperationException($"nats-server exited with {p.ExitCode}: {Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
        throw new TimeoutException($"nats-server did not listen on {Port}: {Log}");
    }

    /// <summary>Kills the process (SIGKILL) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var p = _process;
        _process = null;
        if (p is null) return;
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException) { }
        finally { p.Dispose(); }
    }

    /// <summary>Sends SIGUSR2... not portable from .NET; lame duck is triggered with <c>nats-server --signal ldm=PID</c>.</summary>
    public async Task EnterLameDuckModeAsync()
    {
        if (_process is null) return;
        using var sig = Process.Start(new ProcessStartInfo(Binary, $"--signal ldm={_process.Id}") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        await sig.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A TCP port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
