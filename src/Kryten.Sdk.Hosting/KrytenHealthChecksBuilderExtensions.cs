using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kryten.Sdk.Hosting;

/// <summary>Adds the Kryten client's health check to <c>AddHealthChecks()</c>.</summary>
/// <example>
/// <code>
/// using Microsoft.Extensions.DependencyInjection;
/// using Microsoft.Extensions.Hosting;
///
/// var builder = Host.CreateApplicationBuilder();
/// builder.AddKryten();
/// builder.Services.AddHealthChecks().AddKryten(tags: ["ready"]);
/// </code>
/// </example>
public static class KrytenHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the client registered by <c>AddKryten</c>: healthy when connected with every channel subscribed,
    /// degraded while (re)connecting, <paramref name="failureStatus"/> when disconnected or closed.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when the client is disconnected or closed.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddKryten(this IHealthChecksBuilder builder, string name = "kryten", HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, static provider => new KrytenHealthCheck(provider.GetRequiredService<KrytenClient>()), failureStatus, tags));
    }
}
