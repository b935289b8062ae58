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
internal sealed class EventDispatcher
{
    private readonly EventParsers _parsers;
    private readonly Func<string, string, IKrytenCommandSender> _senders;
    private readonly KrytenMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _handlerTimeout;
    private readonly int _maxConcurrency;
    private readonly ConcurrencyGate _slots;
    private readonly ConcurrentDictionary<(HandlerEntry, string), OrderedLane> _lanes = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Stack<CancellationTokenSource> _ctsPool = new();
    private CancellationTokenSource? _spareCts;
    private readonly object _registration = new();
    private volatile HandlerTable _table = HandlerTable.Empty;
    private long _inFlight;

    public EventDispatcher(KrytenOptions options, EventParsers parsers, Func<string, string, IKrytenCommandSender> senders,
        KrytenMetrics metrics, ILogger logger, TimeProvider time)
    {
        _parsers = parsers;
        _senders = senders;
        _metrics = metrics;
        _logger = logger;
        _time = time;
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
        if (!reader.TryRead(message.Data.Span, out var envelope, out var reason))
        {
            _metrics.Malformed();
            Log.MalformedEnvelope(_logger, message.Subject, reason!);
            return default;
        }
        _metrics.EventReceived(_time.GetUtcNow());
        channel?.EventReceived();

        var table = _table;
        var typed = table.Typed(envelope.EventName);
        var raw = table.Raw(envelope.EventName);
        return typed.Length == 0 && raw.Length == 0 ? default : DispatchAsync(message, envelope, typed, raw);
    }

    private async ValueTask DispatchAsync(KrytenMessage message, KrytenEnvelope envelope, HandlerEntry[] typed, HandlerEntry[] raw)
    {
        var token = Token(envelope.Channel);
        var context = new EventContext(envelope.EventName, envelope.Channel, envelope.Domain, message.Subject,
            envelope.Timestamp, envelope.CorrelationId, _senders(envelope.Channel, envelope.Domain));
        var payload = envelope.Payload(message.Data);

        var parsed = ParseState.NotYet;
        object? record = null;
        foreach (var handler in typed)
        {
            if (!handler.Matches(token, envelope.Domain)) continue;
            if (parsed == ParseState.NotYet) parsed = TryParse(envelope, message.Subject, payload.Span, out record);
            if (parsed != ParseState.Parsed) break;
            object? evt;
            try
            {
                evt = handler.Adapt(record, payload.Span);
            }
            catch (Exception e) when (IsShapeError(e))
            {
                _metrics.Malformed();
                Log.MalformedPayload(_logger, envelope.EventName, envelope.CorrelationId, message.Subject, e.Message);
                continue;
            }
            if (evt is not null) await ScheduleAsync(handler, evt, context).ConfigureAwait(false);
        }

        KrytenRawEvent? rawEvent = null;
        foreach (var handler in raw)
        {
            if (!handler.Matches(token, envelope.Domain)) continue;
            // Raw handlers also see payloads of the wrong shape (the envelope is valid), but the shape is
            // still checked once so that such messages are counted and logged like any other.
            if (parsed == ParseState.NotYet) parsed = TryParse(envelope, message.Subject, payload.Span, out _);
            rawEvent ??= new KrytenRawEvent(envelope.EventName, envelope.Channel, envelope.Domain, message.Subject,
                envelope.Timestamp, envelope.CorrelationId, payload.ToArray(), envelope.PayloadKind);
            await ScheduleAsync(handler, rawEvent, context).ConfigureAwait(false);
        }
    }

    private enum ParseState { NotYet, Parsed, Unknown, Failed }

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

    private ValueTask ScheduleAsync(HandlerEntry handler, object evt, in EventContext context)
    {
        Interlocked.Increment(ref _inFlight);
        if (handler.Ordered)
        {
            var lane = _lanes.GetOrAdd((handler, Token(context.Channel)), static (key, self) => new OrderedLane(self, key.Item1), this);
            return lane.EnqueueAsync(evt, context);
        }
        if (_slots.TryEnter())
        {
            _ = RunAsync(handler, evt, context);
            return default;
        }
        return StartWhenFreeAsync(handler, evt, context);
    }

    private async ValueTask StartWhenFreeAsync(HandlerEntry handler, object evt, EventContext context)
    {
        await _slots.EnterAsync(CancellationToken.None).ConfigureAwait(false);
        _ = RunAsync(handler, evt, context);
    }

    /// <summary>
    /// Runs one invocation in an acquired slot and releases it; never throws. The handler is called inline: when it
    /// completes synchronously nothing is scheduled and no timer is armed (an overrun still counts as a timeout);
    /// only a handler that goes async gets its timeout armed and a continuation that finishes the invocation.
    /// </summary>
    internal Task RunAsync(HandlerEntry handler, object evt, in EventContext context)
    {
        var cts = RentCts();
        var start = Stopwatch.GetTimestamp();
        // Restoring the captured context afterwards is free; setting values back would allocate a new context per event.
        var outerFlow = ExecutionContext.Capture();
        var activity = StartActivity(handler, context);
        var outerScope = DispatchScope.Enter(context.CorrelationId);
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
                Finish(handler, context, cts, start, activity, e);
                return Task.CompletedTask;
            }
            if (pending.IsCompleted)
            {
                Finish(handler, context, cts, start, activity, null);
                return Task.CompletedTask;
            }
            var remaining = _handlerTimeout - Stopwatch.GetElapsedTime(start);
            if (remaining > TimeSpan.Zero) cts.CancelAfter(remaining);
            else cts.Cancel();
            return CompleteAsync(pending, handler, context, cts, start, activity);
        }
        finally
        {
            // The handler's own flow keeps the scope and span it captured; this flow (the receive loop) gets its own back.
            if (outerFlow is not null) ExecutionContext.Restore(outerFlow);
            else DispatchScope.Leave(outerScope);   // flow suppressed: nothing captures the scope, so just take it back
        }
    }

    private async Task CompleteAsync(ValueTask pending, HandlerEntry handler, EventContext context, CancellationTokenSource cts, long start, Activity? activity)
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
        Finish(handler, context, cts, start, activity, error);
    }

    private static Activity? StartActivity(HandlerEntry handler, in EventContext context)
    {
        var activity = KrytenDiagnostics.Source.StartActivity("kryten.dispatch", ActivityKind.Consumer);
        activity?.SetTag(KrytenDiagnostics.CorrelationIdTag, context.CorrelationId);
        activity?.SetTag("kryten.event", context.EventName);
        activity?.SetTag("kryten.handler", handler.Name);
        return activity;
    }

    private void Finish(HandlerEntry handler, in EventContext context, CancellationTokenSource cts, long start, Activity? activity, Exception? error)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        // A handler that blocked past the timeout without going async had no armed timer; it still counts as timed out.
        var timedOut = cts.IsCancellationRequested || elapsed > _handlerTimeout;
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
        _metrics.HandlerCompleted(elapsed.TotalMilliseconds);
        if (timedOut)
        {
            _metrics.HandlerTimeout();
            Log.HandlerTimedOut(_logger, handler.Name, _handlerTimeout, context.EventName, context.CorrelationId);
        }
        activity?.Dispose();
        ReturnCts(cts);
        _slots.Exit();
        Interlocked.Decrement(ref _inFlight);   // last: WhenIdleAsync callers then see the counters final
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

    // One spare swapped lock-free (the common case: one invocation at a time per receive loop), then a small locked
    // stack: a ConcurrentQueue would allocate ever larger segments as one item cycles through it.
    private CancellationTokenSource RentCts()
    {
        if (Interlocked.Exchange(ref _spareCts, null) is { } spare) return spare;
        lock (_ctsPool)
        {
            if (_ctsPool.TryPop(out var cts)) return cts;
        }
        return new CancellationTokenSource();
    }

    private void ReturnCts(CancellationTokenSource cts)
    {
        if (!cts.IsCancellationRequested && cts.TryReset())
        {
            if (Interlocked.CompareExchange(ref _spareCts, cts, null) is null) return;
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

    internal Task AcquireSlotAsync(CancellationToken cancellationToken) => _slots.EnterAsync(cancellationToken);

    /// <summary>Waits until every scheduled invocation has finished (for tests and <c>MockKrytenClient</c>).</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Interlocked.Read(ref _inFlight) > 0) await Task.Delay(5, cts.Token).ConfigureAwait(false);
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
