using Kryten.Sdk.Transport;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Kryten.Sdk;

// What service hosts and service clients (Kryten.Sdk.Services) need from the client, kept apart from the client's own code.
public sealed partial class KrytenClient
{
    /// <summary>The transport, for service hosts.</summary>
    internal IKrytenTransport Transport => _transport;

    /// <summary>The NATS connection when the transport is NATS (for the NATS services framework); null in memory.</summary>
    internal INatsConnection? NatsConnection => (_transport as NatsKrytenTransport)?.Connection;

    /// <summary>The client's logger and clock, for service hosts.</summary>
    internal ILogger Logger => _logger;

    /// <inheritdoc cref="TimeProvider"/>
    internal TimeProvider Time => _time;

    /// <summary>The client's configured service name, sent as a service request's <c>meta.source</c>.</summary>
    internal string SourceName => _options.ServiceName;

    /// <summary>The default reply wait of service requests (<see cref="KrytenOptions.CommandTimeout"/>).</summary>
    internal TimeSpan DefaultTimeout => _options.CommandTimeout;

    /// <summary>Throws unless the client is connected and running.</summary>
    internal void EnsureRunning() => EnsureStarted();

    /// <summary>
    /// Announces the client's service identity again (a lifecycle startup), when it has one: a host calls it once its
    /// subscription exists, so a caller that reacts to the startup finds a responder (services.md §1.6 item 6).
    /// </summary>
    internal Task ReannounceServiceAsync(CancellationToken cancellationToken) => _service?.AnnounceAsync(cancellationToken) ?? Task.CompletedTask;
}
