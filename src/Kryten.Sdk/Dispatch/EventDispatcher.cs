using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Transport;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// Message in → envelope → record → handlers. Handlers run concurrently up to the configured bound
/// (the receive loop waits for a free slot, which back-pressures the subscription); <c>Ordered</c> handlers
/// get one lane per channel. Handler failures and timeouts are logged, counted and reported, never rethrown.
/// </summary>
internal sealed class EventDispatcher : IPayloadRecordReader
{
    private readonly EventParsers _parsers;
    private readonly IKrytenCommandSender _commands;
    private readonly KrytenMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _handlerTimeout;
    private readonly int _maxConcurrency;
    private readonly ConcurrencyGate _slots;
    private readonly ConcurrentDictionary<(HandlerEntry, string), OrderedLane> _lanes = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Stack<CancellationTokenSource> _ctsPool = new();
    private readonly object _registration = new();
    private volatile HandlerTable _table = HandlerTable.Empty;
    private long _queued;

    public EventDispatcher(KrytenOptions options, EventParsers parsers, IKrytenCommandSender commands,
        KrytenMetrics metrics, ILogger logger)
    {
        _parsers = parsers;
        _commands = commands;
        _metrics = metrics;
        _logger = logger;
        _handlerTimeout = options.HandlerTimeout;
        _maxConcurrency = options.MaxConcurrentHandlers;
        _slots = new ConcurrencyGate(_maxConcurrency);
    }

    public Action<KrytenHandlerError>? OnHandlerError { get; set; }

    public int HandlerCount => _table.Entries.Count;

    public void Add(IReadOnlyCollection<HandlerEntry> entries)
    {
        lock (_registration) _table = _table.With(entries);
    }

    public void Remove(IReadOnlyCollection<HandlerEntry> entries)
    {
        lock (_registration) _table = _table.Without(entries);
        foreach (var key in _lanes.Keys.Where(k => entries.Contains(k.Item1)).ToList())
        {
            if (_lanes.TryRemove(key, out var lane)) lane.Complete();
        }
    }

    /// <summary>Handles one received message; returns when every matching handler has been started (or queued).</summary>
    public ValueTask DispatchAsync(KrytenMessage message, EnvelopeReader reader, ChannelState? channel)
    {
        if (!reader.TryRead(message.Data.Span, this, out var envelope, out var reason))
        {
            _metrics.Malformed();
            Log.MalformedEnvelope(_logger, message.Subject, reason!);
            return default;
        }
        var now = CoarseClock.Milliseconds;
        _metrics.EventReceived(now, countedByChannel: channel is not null);
        channel?.EventReceived();

        var handlers = _table.For(envelope.EventName);
        if (handlers.IsEmpty) return default;
        var token = channel is null ? Token(envelope.Channel) : channel.Token(envelope.Channel);
        var dispatch = new Dispatch(message, envelope, handlers, token,
            new EventContext(envelope.EventName, envelope.Channel, envelope.Domain, message.Subject, envelope.Timestamp, envelope.Correlation, _commands), now);
        return Continue(ref dispatch, 0);
    }

    /// <summary>One event's way through its handlers; a value, so an event whose handlers all start at once allocates nothing.</summary>
    private struct Dispatch(KrytenMessage message, KrytenEnvelope envelope, HandlerLists handlers, string token, EventContext context, long now)
    {
        public readonly KrytenMessage Message = message;
        public readonly KrytenEnvelope Envelope = envelope;
        public readonly HandlerLists Handlers = handlers;
        public readonly string Token = token;
        public readonly EventContext Context = context;
        public ParseState Parsed = envelope.HasRecord ? ParseState.Parsed : ParseState.NotYet;
        public object? Record = envelope.Record;
        public KrytenRawEvent? RawEvent;

        // The coarse clock as last read (a read costs tens of nanoseconds under NativeAOT): one read stamps the event's
        // arrival and starts its first handler, and each handler that completes inline hands its end time to the next.
        public long Now = now;
    }

    // Starts handlers from index `next` (typed ones first, then raw); only when one has to wait for a slot or a lane does
    // the rest continue asynchronously.
    private ValueTask Continue(ref Dispatch d, int next)
    {
        var typed = d.Handlers.Typed;
        var raw = d.Handlers.Raw;
        for (var i = next; i < typed.Length + raw.Length; i++)
        {
            var handler = i < typed.Length ? typed[i] : raw[i - typed.Length];
            if (!handler.Matches(d.Token, d.Envelope.Domain)) continue;
            var evt = i < typed.Length ? Typed(ref d, handler) : Raw(ref d);
            if (evt is null)
            {
                if (d.Parsed == ParseState.Parsed || i >= typed.Length) continue;
                i = typed.Length - 1;   // the payload does not fit the record: no typed handler runs, raw ones still do
                continue;
            }
            var started = ScheduleAsync(handler, evt, d.Context, ref d.Now);
            if (!started.IsCompletedSuccessfully) return ContinueAsync(started, d, i + 1);
        }
        return default;
    }

    private async ValueTask ContinueAsync(ValueTask started, Dispatch d, int next)
    {
        await started.ConfigureAwait(false);
        d.Now = CoarseClock.Milliseconds;
        await Continue(ref d, next).ConfigureAwait(false);
    }

    private object? Typed(ref Dispatch d, HandlerEntry handler)
    {
        var payload = d.Envelope.Payload(d.Message.Data.Span);
        if (d.Parsed == ParseState.NotYet) d.Parsed = TryParse(d.Envelope, d.Message.Subject, payload, out d.Record);
        if (d.Parsed != ParseState.Parsed) return null;
        try
        {
            return handler.Adapt(d.Record, payload);
        }
        catch (Exception e) when (IsShapeError(e))
        {
            _metrics.Malformed();
            Log.MalformedPayload(_logger, d.Envelope.EventName, d.Envelope.CorrelationId, d.Message.Subject, e.Message);
            return null;
        }
    }

    private KrytenRawEvent Raw(ref Dispatch d)
    {
        // Raw handlers also see payloads of the wrong shape (the envelope is valid), but the shape is
        // still checked once so that such messages are counted and logged like any other.
        var payload = d.Envelope.Payload(d.Message.Data);
        if (d.Parsed == ParseState.NotYet) d.Parsed = TryParse(d.Envelope, d.Message.Subject, payload.Span, out _);
        return d.RawEvent ??= new KrytenRawEvent(d.Envelope.EventName, d.Envelope.Channel, d.Envelope.Domain, d.Message.Subject,
            d.Envelope.Timestamp, d.Envelope.CorrelationId, payload.ToArray(), d.Envelope.PayloadKind);
    }

    private enum ParseState { NotYet, Parsed, Unknown, Failed }

    // The record is read in the envelope's pass only for events that typed handlers alone listen to: raw handlers get
    // the payload's own duplicate-key check, which the two-pass read does. A failure in the pass makes the envelope
    // reader fall back to that read, and TryParse reports it.
    private bool ReadsRecordInPass(string eventName)
    {
        var handlers = _table.For(eventName);
        return handlers.Typed.Length != 0 && handlers.Raw.Length == 0;
    }

    bool IPayloadRecordReader.TryReadRecord(string eventName, ref Utf8JsonReader reader, out object? record)
    {
        record = null;
        if (!ReadsRecordInPass(eventName) || !_parsers.TryRead(eventName, ref reader, out record)) return false;
        if (record is null) throw new JsonException("payload parsed to null");
        return true;
    }

    bool IPayloadRecordReader.TryReadCanonicalRecord(string eventName, ReadOnlySpan<byte> message, ref int at, int maxDepth, out object? record)
    {
        record = null;
        return ReadsRecordInPass(eventName) && _parsers.TryReadCanonical(eventName, message, ref at, maxDepth, out record);
    }

    private ParseState TryParse(in KrytenEnvelope envelope, string subject, ReadOnlySpan<byte> payload, out object? record)
    {
        string reason;
        try
        {
            if (!_parsers.TryParse(envelope.EventName, payload, out record)) return ParseState.Unknown;
            if (record is not null) return ParseState.Parsed;
            reason = "payload parsed to null";
        }
        catch (Exception e) when (IsShapeError(e))
        {
            reason = e.Message;
        }
        record = null;
        _metrics.Malformed();
        Log.MalformedPayload(_logger, envelope.EventName, envelope.CorrelationId, subject, reason);
        return ParseState.Failed;
    }

    private static bool IsShapeError(Exception e) =>
        e is JsonException or FormatException or OverflowException or InvalidOperationException or ArgumentException or NotSupportedException;

    private string Token(string channel)
    {
        if (_tokens.TryGetValue(channel, out var token)) return token;
        token = KrytenSubjects.Normalize(channel);
        if (_tokens.Count < 1024) _tokens.TryAdd(channel, token);
        return token;
    }

    // An invocation is counted by its concurrency slot while it runs; _queued counts the ones still waiting for a slot
    // (in an ordered lane, or for a free slot), so the common case, a free slot, touches one counter only.
    private ValueTask ScheduleAsync(HandlerEntry handler, object evt, in EventContext context, ref long now)
    {
        if (!handler.Ordered && _slots.TryEnter())
        {
            _ = RunAsync(handler, evt, context, ref now);
            return default;
        }
        Interlocked.Increment(ref _queued);
        if (!handler.Ordered) return StartWhenFreeAsync(handler, evt, context);
        var lane = _lanes.GetOrAdd((handler, Token(context.Channel)), static (key, self) => new OrderedLane(self, key.Item1), this);
        return lane.EnqueueAsync(evt, context);
    }

    private async ValueTask StartWhenFreeAsync(HandlerEntry handler, object evt, EventContext context)
    {
        await EnterQueuedAsync().ConfigureAwait(false);
        _ = RunAsync(handler, evt, context);
    }

    /// <summary>
    /// Runs one invocation in an acquired slot and releases it; never throws. The handler is called inline: when it
    /// completes synchronously nothing is scheduled and no timer is armed (an overrun still counts as a timeout);
    /// only a handler that goes async gets its timeout armed and a continuation that finishes the invocation.
    /// </summary>
    internal Task RunAsync(HandlerEntry handler, object evt, in EventContext context)
    {
        var now = CoarseClock.Milliseconds;
        return RunAsync(handler, evt, context, ref now);
    }

    // `now` is the coarse clock read just before, which starts the invocation; on return it holds a read taken after it.
    private Task RunAsync(HandlerEntry handler, object evt, in EventContext context, ref long now)
    {
        var cts = RentCts();
        var started = now;
        var timed = TimedStart();
        var activity = StartActivity(handler, context);
        try
        {
            ValueTask pending;
            try
            {
                pending = handler.InvokeAsync(evt, context, cts.Token);
                if (pending.IsCompleted) pending.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                now = Finish(handler, context, cts, started, timed, activity, e, inline: true);
                return Task.CompletedTask;
            }
            if (pending.IsCompleted)
            {
                now = Finish(handler, context, cts, started, timed, activity, null, inline: true);
                return Task.CompletedTask;
            }
            now = CoarseClock.Milliseconds;
            var remaining = _handlerTimeout - TimeSpan.FromMilliseconds(now - started);
            if (remaining > TimeSpan.Zero) cts.CancelAfter(remaining);
            else cts.Cancel();
            return CompleteAsync(pending, handler, context, cts, started, timed, activity);
        }
        finally
        {
            // A handler still running keeps its span current on its own flow; the receive loop's flow gets the span's parent
            // (what was current when it started) back, so the next event's span is not made a child of this one. Only
            // when tracing is on: setting the current span allocates.
            if (activity is not null) Activity.Current = activity.Parent;
        }
    }

    private async Task CompleteAsync(ValueTask pending, HandlerEntry handler, EventContext context, CancellationTokenSource cts, long started, long timed, Activity? activity)
    {
        Exception? error = null;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }
        Finish(handler, context, cts, started, timed, activity, error, inline: false);
    }

    private static Activity? StartActivity(HandlerEntry handler, in EventContext context)
    {
        // Without a listener StartActivity returns null anyway, but only after more work than this check.
        if (!KrytenDiagnostics.Source.HasListeners()) return null;
        var activity = KrytenDiagnostics.Source.StartActivity("kryten.dispatch", ActivityKind.Consumer);
        activity?.SetTag(KrytenDiagnostics.CorrelationIdTag, context.CorrelationId);
        activity?.SetTag("kryten.event", context.EventName);
        activity?.SetTag("kryten.handler", handler.Name);
        return activity;
    }

    /// <returns>The coarse clock read at the end.</returns>
    private long Finish(HandlerEntry handler, in EventContext context, CancellationTokenSource cts, long started, long timed,
        Activity? activity, Exception? error, bool inline)
    {
        // A handler that blocked past the timeout without going async had no armed timer; it still counts as timed out.
        var ended = CoarseClock.Milliseconds;
        var timedOut = cts.IsCancellationRequested || ended - started > _handlerTimeout.TotalMilliseconds;
        if (error is OperationCanceledException && cts.IsCancellationRequested)
        {
            error = null;
        }
        else if (error is not null)
        {
            timedOut = false;
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            _metrics.HandlerError();
            Log.HandlerFailed(_logger, error, handler.Name, context.EventName, context.CorrelationId);
            Report(new KrytenHandlerError(handler.Name, context.EventName, context.Channel, context.CorrelationId, error));
        }
        if (timed != 0) _metrics.HandlerCompleted(Stopwatch.GetElapsedTime(timed).TotalMilliseconds);
        if (timedOut)
        {
            _metrics.HandlerTimeout();
            Log.HandlerTimedOut(_logger, handler.Name, _handlerTimeout, context.EventName, context.CorrelationId);
        }
        activity?.Dispose();
        ReturnCts(cts, inline);
        _slots.Exit();   // last: WhenIdleAsync callers then see the counters final
        return ended;
    }

    private void Report(KrytenHandlerError error)
    {
        try
        {
            OnHandlerError?.Invoke(error);
        }
        catch (Exception e)
        {
            Log.ErrorCallbackFailed(_logger, e);
        }
    }

    // Reading the precise clock costs tens of nanoseconds on a VM (two reads were a tenth of the per-event cost), so
    // only every eighth invocation on a thread is timed for the health window; every one is timed while a meter
    // listener records the duration histogram. Timeouts use the cheap coarse clock, which is plenty for them.
    [ThreadStatic]
    private static uint t_invocations;

    private long TimedStart() =>
        _metrics.RecordsEveryDuration || (++t_invocations & 7) == 0 ? Stopwatch.GetTimestamp() : 0;

    // A handler that completes inline hands its source straight back to this thread's spare: no interlocked operation on
    // the per-event path. Sources that went async come back through a small locked stack (a ConcurrentQueue would
    // allocate ever larger segments as one item cycles through it).
    [ThreadStatic]
    private static CancellationTokenSource? t_spareCts;

    private CancellationTokenSource RentCts()
    {
        if (t_spareCts is { } spare)
        {
            t_spareCts = null;
            return spare;
        }
        lock (_ctsPool)
        {
            if (_ctsPool.TryPop(out var cts)) return cts;
        }
        return new CancellationTokenSource();
    }

    private void ReturnCts(CancellationTokenSource cts, bool inline)
    {
        if (!cts.IsCancellationRequested && cts.TryReset())
        {
            if (inline && t_spareCts is null)
            {
                t_spareCts = cts;
                return;
            }
            lock (_ctsPool)
            {
                if (_ctsPool.Count < _maxConcurrency)
                {
                    _ctsPool.Push(cts);
                    return;
                }
            }
        }
        cts.Dispose();
    }

    /// <summary>Takes a slot for a queued invocation; from then on the slot counts it instead of the queue.</summary>
    internal async Task EnterQueuedAsync()
    {
        await _slots.EnterAsync(CancellationToken.None).ConfigureAwait(false);
        Interlocked.Decrement(ref _queued);
    }

    /// <summary>Waits until every scheduled invocation has finished (for tests and <c>MockKrytenClient</c>).</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        // Queue first: an invocation takes its slot before it leaves the queue, so it is never between the two unseen.
        while (Interlocked.Read(ref _queued) > 0 || _slots.Taken > 0) await Task.Delay(5, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Completes ordered lanes, then waits (bounded) until no handler runs.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            foreach (var lane in _lanes.Values) lane.Complete();
            await Task.WhenAll(_lanes.Values.Select(l => l.Completion)).WaitAsync(cts.Token).ConfigureAwait(false);
            for (var i = 0; i < _maxConcurrency; i++) await _slots.EnterAsync(cts.Token).ConfigureAwait(false);
            for (var i = 0; i < _maxConcurrency; i++) _slots.Exit();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
