using Kryten.Sdk;
using Kryten.Sdk.Services;

namespace Kryten.Cli;

/// <summary>
/// The service contracts the SDK ships, by service name: each generated client's <c>Commands</c> (the contract as data),
/// so <c>kryten call</c> validates and types a call to them. Services not listed here are called raw.
/// </summary>
internal static class ServiceContracts
{
    private static readonly Dictionary<string, IReadOnlyList<KrytenServiceCommandInfo>> Known = new(StringComparer.Ordinal)
    {
        [ModeratorServiceHost.ServiceName] = ModeratorClient.Commands,
        [UserstatsServiceHost.ServiceName] = UserstatsClient.Commands,
    };

    public static IReadOnlyList<KrytenServiceCommandInfo>? Find(string service) => Known.GetValueOrDefault(service);
}
