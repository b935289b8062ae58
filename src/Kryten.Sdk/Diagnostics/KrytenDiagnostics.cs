using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kryten.Sdk;

/// <summary>
/// Names of the SDK's OpenTelemetry-compatible sources: the <see cref="Meter"/> and the <see cref="ActivitySource"/>
/// are both called <c>Kryten.Sdk</c>. Subscribe with <c>AddMeter(KrytenDiagnostics.Name)</c> / <c>AddSource(KrytenDiagnostics.Name)</c>.
/// </summary>
/// <example>
/// <code>
/// using System.Diagnostics.Metrics;
///
/// // With OpenTelemetry: .WithMetrics(m =&gt; m.AddMeter(KrytenDiagnostics.Name)); without it, a listener:
/// using var listener = new MeterListener();
/// listener.InstrumentPublished = (instrument, l) =&gt;
/// {
///     if (instrument.Meter.Name == KrytenDiagnostics.Name) l.EnableMeasurementEvents(instrument);
/// };
/// listener.Start();
/// </code>
/// </example>
public static class KrytenDiagnostics
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Kryten.Sdk";

    /// <summary>Tag carrying the event's or command's correlation id on spans.</summary>
    public const string CorrelationIdTag = "kryten.correlation_id";

    internal static readonly ActivitySource Source = new(Name, typeof(KrytenDiagnostics).Assembly.GetName().Version?.ToString());
}
