using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kryten.Sdk.Hosting;

/// <summary>Adds the SDK's <c>Kryten.Sdk</c> activity source and meter to OpenTelemetry.</summary>
/// <example>
/// <code>
/// // With the OpenTelemetry.Extensions.Hosting package:
/// // builder.Services.AddOpenTelemetry()
/// //     .WithTracing(t =&gt; t.AddKrytenInstrumentation().AddOtlpExporter())
/// //     .WithMetrics(m =&gt; m.AddKrytenInstrumentation().AddOtlpExporter());
/// </code>
/// </example>
public static class KrytenTelemetryExtensions
{
    /// <summary>Records the SDK's spans: event dispatch and commands (children of the dispatch that sent them).</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The same builder.</returns>
    public static TracerProviderBuilder AddKrytenInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(KrytenDiagnostics.Name);
    }

    /// <summary>Records the SDK's metrics (<c>kryten.events.*</c>, <c>kryten.commands.*</c>, <c>kryten.chat.*</c>, <c>kryten.handlers.*</c>).</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The same builder.</returns>
    public static MeterProviderBuilder AddKrytenInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(KrytenDiagnostics.Name);
    }
}
