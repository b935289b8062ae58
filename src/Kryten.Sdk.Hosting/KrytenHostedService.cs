using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Hosting;

/// <summary>
/// Runs the client with the host: adds the registered handler classes and connects on start, stops gracefully
/// (handlers drained, queued chat sent, NATS drained) on stop, and stops the application when the NATS connection
/// is lost for good, as <see cref="KrytenClient.RunAsync"/> would end a console bot.
/// </summary>
internal sealed partial class KrytenHostedService(
    KrytenClient client,
    IEnumerable<HandlerSetRegistration> handlerSets,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<KrytenHostedService> logger) : IHostedService
{
    private readonly List<IDisposable> _registrations = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var set in handlerSets) _registrations.Add(client.AddHandlers(set.Resolve(services)));
        client.StateChanged += OnStateChanged;
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        client.StateChanged -= OnStateChanged;
        await client.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var registration in _registrations) registration.Dispose();
        _registrations.Clear();
    }

    private void OnStateChanged(object? sender, KrytenConnectionState state)
    {
        if (state != KrytenConnectionState.Closed) return;
        LogConnectionLost(logger);
        lifetime.StopApplication();
    }

    [LoggerMessage(1, LogLevel.Critical, "The NATS connection closed for good (reconnect attempts exhausted); stopping the application")]
    private static partial void LogConnectionLost(ILogger logger);
}
