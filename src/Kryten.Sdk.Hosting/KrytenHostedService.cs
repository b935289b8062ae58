using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Hosting;

/// <summary>
/// Runs the client with the host: adds the registered handler and chat command classes and connects on start, then
/// serves the registered services (they need a connected client); on stop, stops serving first (requests being answered
/// finish), then stops the client gracefully (handlers drained, queued chat sent, NATS drained). Stops the application
/// when the NATS connection is lost for good, as <see cref="KrytenClient.RunAsync"/> would end a console bot.
/// </summary>
internal sealed partial class KrytenHostedService(
    KrytenClient client,
    IEnumerable<HandlerSetRegistration> handlerSets,
    IEnumerable<ChatCommandSetRegistration> chatCommandSets,
    IEnumerable<ServiceRegistration> serviceRegistrations,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<KrytenHostedService> logger) : IHostedService
{
    private readonly List<IDisposable> _registrations = [];
    private readonly List<KrytenServiceHost> _serviceHosts = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var set in handlerSets) _registrations.Add(client.AddHandlers(set.Resolve(services)));
        foreach (var set in chatCommandSets) _registrations.Add(client.AddChatCommands(set.Resolve(services), set.Configure));
        client.StateChanged += OnStateChanged;
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var service in serviceRegistrations)
            {
                var options = new KrytenServiceHostOptions();
                service.Configure?.Invoke(options);
                _serviceHosts.Add(await KrytenServiceHost.StartAsync(client, service.Resolve(services), options, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            // The host does not stop a service whose start failed: leave nothing serving or connected behind.
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var host in _serviceHosts) await host.DisposeAsync().ConfigureAwait(false);
        _serviceHosts.Clear();
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
