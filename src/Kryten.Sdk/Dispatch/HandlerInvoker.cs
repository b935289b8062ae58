using System.Collections.Concurrent;
using System.Diagnostics;
using Kryten.Sdk.Delivery;
using Kryten.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// Runs handler invocations: at most <see cref="KrytenOptions.MaxConcurrentHandlers"/> at once, <c>Ordered</c> handlers
/// one at a time per channel in arrival order, each with a token cancelled at <see cref="KrytenOptions.HandlerTimeout"/>.
/// Failures and timeouts are logged, counted and reported to <see cref="OnHandlerError"/>; nothing is rethrown.
/// </summary>
internal sealed class HandlerInvoker(KrytenOptions options, KrytenMetrics metrics, ILogger logger)
{
    private readonly ConcurrencySlots _slots = new(options.MaxConcurrentHandlers);
    private readonly ConcurrentDictionary<(HandlerEntry Handler, string ChannelToken), OrderedLane> _lanes = new();
    private readonly CancellationSourcePool _tokens = new(options.MaxConcurrentHandlers);
    private readonly TimeSpan _timeout = options.HandlerTimeout;

    // Invocations started and not yet finished, queued ones included: what WhenIdleAsync and DrainAsync wait for.
    private long _inFlight;

    public Action<KrytenHandlerError>? OnHandlerError { get; set; }

    /// <summary>Starts one invocation, or queues it; completes once it has started (or is queued in its ordered lane).</summary>
    public ValueTask StartAsync(HandlerEntry handler, object evt, EventContext context, string channelToken, EventDelivery? delivery)
    {
        Interlocked.Increment(ref _inFlight);
        delivery?.HandlerStarted();
        if (handler.Ordered)
        {
            var lane = _lanes.GetOrAdd((handler, channelToken), static (_, self) => new OrderedLane(self), this);
            return lane.EnqueueAsync(handler, evt, context, delivery);
        }
        var slot = _slots.TakeAsync();
        if (slot.IsCompletedSuccessfully)
        {
            _ = RunAsync(handler, evt, context, delivery);
            return default;
        }
        return StartWhenFreeAsync(slot, handler, evt, context, delivery);
    }

    private async ValueTask StartWhenFreeAsync(ValueTask slot, HandlerEntry handler, object evt, EventContext context, EventDelivery? delivery)
    {
        await slot.ConfigureAwait(false);
        _ = RunAsync(handler, evt, context, delivery);
    }

    /// <summary>An ordered lane's turn: takes a slot, runs the invocation, and completes when it has finished.</summary>
    internal async Task RunInLaneAsync(HandlerEntry handler, object evt, EventContext context, EventDelivery? delivery)
    {
        await _slots.TakeAsync().ConfigureAwait(false);
        await RunAsync(handler, evt, context, delivery).ConfigureAwait(false);
    }

    // Runs in an acquired slot and releases it; never throws. A handler that completes synchronously arms no timer (an
    // overrun still counts as a timeout); only one that goes asynchronous gets its token's timeout armed.
    private async Task RunAsync(HandlerEntry handler, object evt, EventContext context, EventDelivery? delivery)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellation = _tokens.Rent();
        var activity = StartActivity(handler, context);
        Exception? error = null;
        try
        {
            var pending = handler.InvokeAsync(evt, context, cancellation.Token);
            if (!pending.IsCompleted)
            {
                var remaining = _timeout - Stopwatch.GetElapsedTime(started);
                if (remaining > TimeSpan.Zero) cancellation.CancelAfter(remaining);
                else await cancellation.CancelAsync().ConfigureAwait(false);
            }
            await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var timedOut = cancellation.IsCancellationRequested || elapsed > _timeout;
            if (error is OperationCanceledException && cancellation.IsCancellationRequested) error = null;
            if (error is not null)
            {
                timedOut = false;
                activity?.SetStatus(ActivityStatusCode.Error, error.Message);
                metrics.HandlerError();
                Log.HandlerFailed(logger, error, handler.Name, context.EventName, context.CorrelationId);
                Report(new KrytenHandlerError(handler.Name, context.EventName, context.Channel, context.CorrelationId, error));
            }
            if (timedOut)
            {
                metrics.HandlerTimeout();
                Log.HandlerTimedOut(logger, handler.Name, _timeout, context.EventName, context.CorrelationId);
            }
            metrics.HandlerCompleted(elapsed.TotalMilliseconds);
            activity?.Dispose();
            _tokens.Return(cancellation);
            _slots.Give();
            delivery?.HandlerFinished(failed: error is not null || timedOut);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static Activity? StartActivity(HandlerEntry handler, in EventContext context)
    {
        // Asked first because StartActivity is a call with nine arguments even when nobody listens, once per invocation.
        if (!KrytenDiagnostics.Source.HasListeners()) return null;
        var activity = KrytenDiagnostics.Source.StartActivity("kryten.dispatch", ActivityKind.Consumer);
        activity?.SetTag(KrytenDiagnostics.CorrelationIdTag, context.CorrelationId);
        activity?.SetTag("kryten.event", context.EventName);
        activity?.SetTag("kryten.handler", handler.Name);
        return activity;
    }

    private void Report(KrytenHandlerError error)
    {
        try
        {
            OnHandlerError?.Invoke(error);
        }
        catch (Exception e)
        {
            Log.ErrorCallbackFailed(logger, e);
        }
    }

    public void CloseLanes(IReadOnlyCollection<HandlerEntry> handlers)
    {
        foreach (var key in _lanes.Keys.Where(k => handlers.Contains(k.Handler)).ToList())
        {
            if (_lanes.TryRemove(key, out var lane)) lane.Complete();
        }
    }

    /// <summary>Waits until no invocation is queued or running (the testing package's and tests' "handlers are done").</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Interlocked.Read(ref _inFlight) > 0) await Task.Delay(5, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Lets queued and running invocations finish, up to <paramref name="timeout"/>; false when some did not.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        foreach (var lane in _lanes.Values) lane.Complete();
        try
        {
            await WhenIdleAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
