using Kryten.Sdk;
using Kryten.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace Kryten.Cli;

/// <summary>A plain NATS connection for the commands that talk past the Kryten client (kv, call), configured by the SDK's own mapping of <see cref="KrytenOptions"/>.</summary>
internal static class CliNats
{
    public static async Task<NatsConnection> ConnectAsync(KrytenOptions options)
    {
        var connection = new NatsConnection(NatsConnectionOptions.From(options, NullLoggerFactory.Instance));
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
