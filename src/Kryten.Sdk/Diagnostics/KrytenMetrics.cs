using System.Diagnostics.Metrics;

namespace Kryten.Sdk.Diagnostics;

/// <summary>
/// The client's counters: kept as plain fields for <see cref="KrytenClient.Health"/> and mirrored to the
/// <c>Kryten.Sdk</c> meter. One meter instance per client so that tests and multiple clients stay apart.
/// </summary>
internal sealed class KrytenMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly CountedMetric _malformed, _commands, _commandFailures, _handlerErrors, _handlerTimeouts;
    private readonly Histogram<double> _handlerDuration;
    private readonly LatencyWindow _latency = new(1024);
    private long _lastEventTick;
    private long _receivedWithoutChannel;

    public KrytenMetrics()
    {
        _meter = new Meter(KrytenDiagnostics.Name);
        _received = _meter.CreateCounter<long>("kryten.events.received", "{event}", "Envelopes received");
        _malformed = new(_meter, "kryten.events.malformed", "{event}", "Messages skipped as malformed (envelope or payload)");
        _commands = new(_meter, "kryten.commands.sent", "{command}", "Commands published or requested");
        _commandFailures = new(_meter, "kryten.commands.failed", "{command}", "Commands that failed (publish, timeout or bridge error)");
        _handlerErrors = new(_meter, "kryten.handlers.errors", "{error}", "Handler invocations that threw");
        _handlerTimeouts = new(_meter, "kryten.handlers.timeouts", "{timeout}", "Handler invocations that exceeded the timeout");
        _handlerDuration = _meter.CreateHistogram<double>("kryten.handlers.duration", "ms", "Handler invocation time");
    }

    /// <summary>Events dispatched without a channel; the others are counted by their channel (<c>ChannelState.Events</c>).</summary>
    public long EventsReceivedWithoutChannel => Interlocked.Read(ref _receivedWithoutChannel);
    public long EventsMalformed => _malformed.Value;
    public long CommandsSent => _commands.Value;
    public long CommandsFailed => _commandFailures.Value;
    public long HandlerErrors => _handlerErrors.Value;
    public long HandlerTimeouts => _handlerTimeouts.Value;

    /// <summary>When the last event arrived, to the coarse clock's few milliseconds, as seen from <paramref name="now"/>.</summary>
    public DateTimeOffset? LastEventTime(DateTimeOffset now)
    {
        var tick = Volatile.Read(ref _lastEventTick);
        return tick == 0 ? null : now - TimeSpan.FromMilliseconds(Math.Max(0, CoarseClock.Milliseconds - tick));
    }

    public (double Mean, double P99) HandlerLatencyMs => _latency.Snapshot();

    /// <summary>This client's meter (each client has its own, all named <c>Kryten.Sdk</c>).</summary>
    public Meter Meter => _meter;

    /// <summary>Whether a listener records <c>kryten.handlers.duration</c>, so every invocation must be timed.</summary>
    public bool RecordsEveryDuration => _handlerDuration.Enabled;

    /// <summary>
    /// Stamps an event's arrival with the coarse monotonic clock (reading the wall clock for every event cost more than
    /// the rest of the bookkeeping, and a health report needs milliseconds, not ticks) and feeds the meter. The count is
    /// kept by the event's channel, whose receive loop is its only writer, which spares an interlocked operation per event.
    /// </summary>
    /// <param name="now">The coarse clock (<see cref="CoarseClock.Milliseconds"/>) at its arrival.</param>
    /// <param name="countedByChannel">False when no channel counts it, so this object does.</param>
    public void EventReceived(long now, bool countedByChannel)
    {
        Volatile.Write(ref _lastEventTick, now);
        if (!countedByChannel) Interlocked.Increment(ref _receivedWithoutChannel);
        if (_received.Enabled) _received.Add(1);
    }

    public void Malformed() => _malformed.Increment();

    public void CommandSent() => _commands.Increment();

    public void CommandFailed() => _commandFailures.Increment();

    public void HandlerError() => _handlerErrors.Increment();

    public void HandlerTimeout() => _handlerTimeouts.Increment();

    public void HandlerCompleted(double milliseconds)
    {
        _latency.Add(milliseconds);
        _handlerDuration.Record(milliseconds);
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>A meter counter with the running total that <see cref="KrytenClient.Health"/> reports, kept together.</summary>
    private sealed class CountedMetric(Meter meter, string name, string unit, string description)
    {
        private readonly Counter<long> _counter = meter.CreateCounter<long>(name, unit, description);
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment()
        {
            Interlocked.Increment(ref _value);
            if (_counter.Enabled) _counter.Add(1);
        }
    }
}
