using System.Diagnostics.Metrics;

namespace Kryten.Sdk.Diagnostics;

/// <summary>
/// The client's counters: kept as plain fields for <see cref="KrytenClient.Health"/> and mirrored to the
/// <c>Kryten.Sdk</c> meter. One meter instance per client so that tests and multiple clients stay apart.
/// </summary>
internal sealed class KrytenMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _received, _malformed, _commands, _commandFailures, _handlerErrors, _handlerTimeouts;
    private readonly Histogram<double> _handlerDuration;
    private readonly LatencyWindow _latency = new(1024);
    private long _eventsReceived, _eventsMalformed, _commandsSent, _commandsFailed, _handlerErrorCount, _handlerTimeoutCount;
    private long _lastEventTicks;

    public KrytenMetrics()
    {
        _meter = new Meter(KrytenDiagnostics.Name);
        _received = _meter.CreateCounter<long>("kryten.events.received", "{event}", "Envelopes received");
        _malformed = _meter.CreateCounter<long>("kryten.events.malformed", "{event}", "Messages skipped as malformed (envelope or payload)");
        _commands = _meter.CreateCounter<long>("kryten.commands.sent", "{command}", "Commands published or requested");
        _commandFailures = _meter.CreateCounter<long>("kryten.commands.failed", "{command}", "Commands that failed (publish, timeout or bridge error)");
        _handlerErrors = _meter.CreateCounter<long>("kryten.handlers.errors", "{error}", "Handler invocations that threw");
        _handlerTimeouts = _meter.CreateCounter<long>("kryten.handlers.timeouts", "{timeout}", "Handler invocations that exceeded the timeout");
        _handlerDuration = _meter.CreateHistogram<double>("kryten.handlers.duration", "ms", "Handler invocation time");
    }

    public long EventsReceived => Interlocked.Read(ref _eventsReceived);
    public long EventsMalformed => Interlocked.Read(ref _eventsMalformed);
    public long CommandsSent => Interlocked.Read(ref _commandsSent);
    public long CommandsFailed => Interlocked.Read(ref _commandsFailed);
    public long HandlerErrors => Interlocked.Read(ref _handlerErrorCount);
    public long HandlerTimeouts => Interlocked.Read(ref _handlerTimeoutCount);

    public DateTimeOffset? LastEventTime
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastEventTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public (double Mean, double P99) HandlerLatencyMs => _latency.Snapshot();

    public void EventReceived(DateTimeOffset now)
    {
        Interlocked.Increment(ref _eventsReceived);
        Interlocked.Exchange(ref _lastEventTicks, now.UtcTicks);
        _received.Add(1);
    }

    public void Malformed()
    {
        Interlocked.Increment(ref _eventsMalformed);
        _malformed.Add(1);
    }

    public void CommandSent()
    {
        Interlocked.Increment(ref _commandsSent);
        _commands.Add(1);
    }

    public void CommandFailed()
    {
        Interlocked.Increment(ref _commandsFailed);
        _commandFailures.Add(1);
    }

    public void HandlerError()
    {
        Interlocked.Increment(ref _handlerErrorCount);
        _handlerErrors.Add(1);
    }

    public void HandlerTimeout()
    {
        Interlocked.Increment(ref _handlerTimeoutCount);
        _handlerTimeouts.Add(1);
    }

    public void HandlerCompleted(double milliseconds)
    {
        _latency.Add(milliseconds);
        _handlerDuration.Record(milliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
