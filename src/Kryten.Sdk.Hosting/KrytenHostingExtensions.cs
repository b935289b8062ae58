using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Kryten.Sdk.Hosting;

/// <summary>
/// Adds a <see cref="KrytenClient"/> to a Generic Host: options from the <c>Kryten</c> configuration section (the same
/// keys as <c>kryten.yaml</c>), validated when the host starts with every problem listed; the client connects when the
/// host starts and stops gracefully with it; an <see cref="INatsConnection"/> registered by NATS.Client.Hosting's
/// <c>AddNats</c> is shared instead of opening a second connection.
/// </summary>
/// <example>
/// <code>
/// using Microsoft.Extensions.Hosting;
///
/// // appsettings.json: { "Kryten": { "nats": { "servers": ["nats://nats:4222"] }, "channels": [ { "domain": "cytu.be", "channel": "lounge" } ] } }
/// var builder = Host.CreateApplicationBuilder();
/// builder.AddKryten();
/// await builder.Build().RunAsync();
/// </code>
/// </example>
public static class KrytenHostingExtensions
{
    /// <summary>The configuration section <see cref="AddKryten(IHostApplicationBuilder, Action{KrytenOptions}?)"/> reads.</summary>
    public const string ConfigurationSection = "Kryten";

    /// <summary>Adds the client with options from the builder's <c>Kryten</c> configuration section, then <paramref name="configure"/>.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>A builder to add handler classes.</returns>
    public static IKrytenBuilder AddKryten(this IHostApplicationBuilder builder, Action<KrytenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddKryten(builder.Configuration.GetSection(ConfigurationSection), configure);
    }

    /// <summary>
    /// Adds the client with options bound from <paramref name="configuration"/> (a section shaped like <c>kryten.yaml</c>;
    /// none for the defaults), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind, or null.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>A builder to add handler classes.</returns>
    /// <example>
    /// <code>
    /// using Microsoft.Extensions.Hosting;
    ///
    /// var builder = Host.CreateApplicationBuilder();
    /// builder.Services.AddKryten(builder.Configuration.GetSection("Bots:Dj"), o =&gt; o.ServiceName = "dj");
    /// </code>
    /// </example>
    public static IKrytenBuilder AddKryten(this IServiceCollection services, IConfiguration? configuration = null, Action<KrytenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ =>
        {
            var options = configuration is null ? new KrytenOptions() : KrytenOptionsLoader.Load(ConfigurationTree.From(configuration), environment: null);
            configure?.Invoke(options);
            return options;
        });
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<KrytenOptions>();
            var loggerFactory = provider.GetService<ILoggerFactory>();
            return provider.GetService<INatsConnection>() is { } shared
                ? new KrytenClient(options, shared, loggerFactory)
                : new KrytenClient(options, loggerFactory);
        });
        services.AddHostedService<KrytenHostedService>();
        return new KrytenBuilder(services);
    }
}
