using System.Net;
using System.Reflection;

namespace Kryten.Sdk;

/// <summary>Who the client announces itself as: <see cref="KrytenServiceOptions"/> with the defaults filled in.</summary>
/// <param name="Name">The normalized service name (the subject token of <c>kryten.lifecycle.{name}.*</c>).</param>
/// <param name="Version">The version announced.</param>
/// <param name="Hostname">The host name announced (the one Python's <c>socket.gethostname()</c> gives).</param>
/// <param name="InstanceId">The instance id sent as <c>metadata.instance_id</c>, or null.</param>
/// <example><code>if (client.ServiceIdentity is { } me) Console.WriteLine($"{me.Name} {me.Version} on {me.Hostname}");</code></example>
public sealed record KrytenServiceIdentity(string Name, string Version, string Hostname, string? InstanceId)
{
    private const string UnknownVersion = "unknown";   // kryten-py's default, and the registry's

    /// <summary>The identity <paramref name="service"/> describes, names normalized and defaults taken from the entry assembly.</summary>
    internal static KrytenServiceIdentity From(KrytenServiceOptions service) =>
        new(ResolveName(service) ?? "", service.Version ?? EntryVersion() ?? UnknownVersion, Dns.GetHostName(), service.InstanceId);

    /// <summary>The normalized name, or null when none is configured and there is no entry assembly to take it from.</summary>
    internal static string? ResolveName(KrytenServiceOptions service) =>
        (service.Name ?? Assembly.GetEntryAssembly()?.GetName().Name) is { } name ? KrytenServiceOptions.NormalizeName(name) : null;

    // The informational version is what `dotnet --version`-style tools print (the package version, with the commit
    // after '+' when the SDK adds it); attributes are kept by the trimmer, so this works under NativeAOT.
    private static string? EntryVersion()
    {
        var entry = Assembly.GetEntryAssembly();
        return entry?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? entry?.GetName().Version?.ToString();
    }
}
