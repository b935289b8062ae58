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
    private readonly CountedMetric _malformed, _dropped, _commands, _commandFailures, _handlerErrors, _handlerTimeouts, _deadLettered, _duplicates, _chatNotSent;
    private readonly Histogram<double> _handlerDuration;
    private readonly LatencyWindow _latency = new(1024);
    private long _lastEventTick;

    public KrytenMetrics()
    {
        _meter = new Meter(KrytenDiagnostics.Name);
        _received = _meter.CreateCounter<long>("kryten.events.received", "{event}", "Envelopes received");
        _malformed = new(_meter, "kryten.events.malformed", "{event}", "Messages skipped as malformed (envelope or payload)");
        _dropped = new(_meter, "kryten.events.dropped", "{event}", "Messages dropped because handlers fell behind (slow consumer)");
        _deadLettered = new(_meter, "kryten.events.dead_lettered", "{event}", "At-least-once events given up after the maximum deliveries");
        _duplicates = new(_meter, "kryten.events.duplicates", "{event}", "At-least-once events skipped as already handled");
        _commands = new(_meter, "kryten.commands.sent", "{command}", "Commands published or requested");
        _commandFailures = new(_meter, "kryten.commands.failed", "{command}", "Commands that failed (publish, timeout or bridge error)");
        _chatNotSent = new(_meter, "kryten.chat.not_sent", "{message}", "Chat messages and PMs that were queued but not sent (publish failed, or the client stopped first)");
        _handlerErrors = new(_meter, "kryten.handlers.errors", "{error}", "Handler invocations that threw");
        _handlerTimeouts = new(_meter, "kryten.handlers.timeouts", "{timeout}", "Handler invocations that exceeded the timeout");
        _handlerDuration = _meter.CreateHistogram<double>("kryten.handlers.duration", "ms", "Handler invocation time");
    }

    public long EventsMalformed => _malformed.Value;
    public long EventsDropped => _dropped.Value;
    public long EventsDeadLettered => _deadLettered.Value;
    public long EventsDuplicate => _duplicates.Value;
    public long CommandsSent => _commands.Value;
    public long CommandsFailed => _commandFailures.Value;
    public long ChatNotSent => _chatNotSent.Value;
    public long HandlerErrors => _handlerErrors.Value;
    public long HandlerTimeouts => _handlerTimeouts.Value;

    /// <summary>When the last event arrived, as seen from <paramref name="now"/>.</summary>
    public DateTimeOffset? LastEventTime(DateTimeOffset now)
    {
        var tick = Volatile.Read(ref _lastEventTick);
        return tick == 0 ? null : now - TimeSpan.FromMilliseconds(Math.Max(0, Environment.TickCount64 - tick));
    }

    public (double Mean, double P99) HandlerLatencyMs => _latency.Snapshot();

    /// <summary>This client's meter (each client has its own, all named <c>Kryten.Sdk</c>).</summary>
    public Meter Meter => _meter;

    /// <summary>Stamps an event's arrival (a monotonic millisecond tick; the health report needs no more) and counts it.</summary>
    public void EventReceived()
    {
        Volatile.Write(ref _lastEventTick, Environment.TickCount64);
        if (_received.Enabled) _received.Add(1);
    }

    public void Malformed() => _malformed.Increment();

    public void Dropped(long count = 1) => _dropped.Increment(count);

    public void DeadLettered() => _deadLettered.Increment();

    public void Duplicate() => _duplicates.Increment();

    public void CommandSent() => _commands.Increment();

    public void CommandFailed() => _commandFailures.Increment();

    public void ChatMessageNotSent() => _chatNotSent.Increment();

    /// <summary>Publishes the chat queue depth as the <c>kryten.chat.pending</c> gauge.</summary>
    public void ObserveChatPending(Func<int> pending) =>
        _meter.CreateObservableGauge("kryten.chat.pending", pending, "{message}", "Chat messages and PMs queued or being sent");

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

        public void Increment(long count = 1)
        {
            Interlocked.Add(ref _value, count);
            if (_counter.Enabled) _counter.Add(count);
        }
    }
}
