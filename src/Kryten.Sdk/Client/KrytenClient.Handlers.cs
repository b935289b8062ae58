using Kryten.Sdk.Dispatch;

namespace Kryten.Sdk;

public sealed partial class KrytenClient
{
    /// <summary>
    /// Registers a generated handler set (a partial class with <see cref="KrytenHandlerAttribute"/> methods).
    /// Dispose the result to remove it again.
    /// </summary>
    /// <param name="handlers">The handler set.</param>
    /// <example>
    /// <code>
    /// using var registration = client.AddHandlers(new Greeter());   // disposing it removes the handlers
    ///
    /// public sealed partial class Greeter   // partial: the generator adds the dispatch
    /// {
    ///     [KrytenHandler]
    ///     public Task OnJoin(UserJoined user, EventContext ctx) =&gt; ctx.Commands.SayAsync($"hi {user.Name}").AsTask();
    /// }
    /// </code>
    /// </example>
    public IDisposable AddHandlers(IKrytenHandlerSet handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        return Register(handlers.KrytenHandlers.Select(d => (HandlerEntry)new HandlerSetEntry(handlers, d)).ToList());
    }

    /// <summary>
    /// Handles every <typeparamref name="T"/> event. <paramref name="channel"/> matches when its normalized subject token
    /// equals the envelope channel's (so <c>"Lounge Test"</c>, <c>"lounge test"</c> and <c>"lounge-test"</c> all match the
    /// bridge's <c>Lounge Test</c>); <paramref name="domain"/> compares case-insensitively. <paramref name="ordered"/> runs this
    /// handler one event at a time per channel, in arrival order. Dispose the result to unregister.
    /// </summary>
    /// <typeparam name="T">A generated event record.</typeparam>
    /// <param name="handler">The handler; the token is cancelled at <see cref="KrytenOptions.HandlerTimeout"/>.</param>
    /// <param name="channel">Only this channel; null for all.</param>
    /// <param name="domain">Only this domain; null for all.</param>
    /// <param name="ordered">Keep per-channel arrival order.</param>
    /// <example>
    /// <code>
    /// using var reg = client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
    /// {
    ///     if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
    /// }, channel: "Lounge Test");
    /// </code>
    /// </example>
    public IDisposable On<T>(Func<T, EventContext, CancellationToken, ValueTask> handler, string? channel = null, string? domain = null, bool ordered = false)
        where T : class, IKrytenEvent<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register([new DelegateEntry<T>(handler, channel, domain, ordered)]);
    }

    /// <summary>Handles every <typeparamref name="T"/> event; see the overload with a token for the filter rules.</summary>
    /// <typeparam name="T">A generated event record.</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="channel">Only this channel; null for all.</param>
    /// <param name="domain">Only this domain; null for all.</param>
    /// <param name="ordered">Keep per-channel arrival order.</param>
    /// <example><code>client.On&lt;UserLeft&gt;((leave, ctx) =&gt; Console.Out.WriteLineAsync($"{leave.Name} left {ctx.Channel}"));</code></example>
    public IDisposable On<T>(Func<T, EventContext, Task> handler, string? channel = null, string? domain = null, bool ordered = false)
        where T : class, IKrytenEvent<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return On<T>((evt, ctx, _) => new ValueTask(handler(evt, ctx)), channel, domain, ordered);
    }

    /// <summary>
    /// Handles events as <see cref="KrytenRawEvent"/> (payload left as JSON): every event, or only <paramref name="eventName"/>,
    /// including events no record exists for. Payloads of the wrong shape for their record still reach raw handlers.
    /// </summary>
    /// <param name="handler">The handler.</param>
    /// <param name="eventName">A CyTube event name (any case), or null for all.</param>
    /// <param name="channel">Only this channel (same rule as <see cref="On{T}(Func{T, EventContext, CancellationToken, ValueTask}, string?, string?, bool)"/>); null for all.</param>
    /// <param name="domain">Only this domain; null for all.</param>
    /// <param name="ordered">Keep per-channel arrival order.</param>
    /// <example><code>client.OnRaw((e, ctx, ct) =&gt; { Console.WriteLine($"{e.EventName} {e.PayloadKind}"); return ValueTask.CompletedTask; });</code></example>
    public IDisposable OnRaw(Func<KrytenRawEvent, EventContext, CancellationToken, ValueTask> handler, string? eventName = null, string? channel = null, string? domain = null, bool ordered = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register([new RawDelegateEntry(handler, eventName, channel, domain, ordered)]);
    }

    /// <summary>
    /// The <typeparamref name="T"/> events of one channel (or all) as an async stream, buffered up to <paramref name="capacity"/>;
    /// when the buffer is full the dispatching handler waits (and times out like any handler). The stream ends when disposed.
    /// </summary>
    /// <typeparam name="T">A generated event record.</typeparam>
    /// <param name="channel">Only this channel; null for all.</param>
    /// <param name="domain">Only this domain; null for all.</param>
    /// <param name="capacity">Buffered events.</param>
    /// <example>
    /// <code>
    /// await using var chat = client.Events&lt;ChatMessage&gt;("420Grindhouse");
    /// await foreach (var msg in chat.WithCancellation(ct)) Console.WriteLine(msg.Msg);
    /// </code>
    /// </example>
    public KrytenEventStream<T> Events<T>(string? channel = null, string? domain = null, int capacity = 1024)
        where T : class, IKrytenEvent<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var stream = new KrytenEventStream<T>(capacity);
        stream.Attach(On<T>(stream.WriteAsync, channel, domain, ordered: true));
        return stream;
    }

    private HandlerRegistration Register(IReadOnlyCollection<HandlerEntry> entries)
    {
        _dispatcher.Add(entries);
        return new HandlerRegistration(_dispatcher, entries);
    }

    private sealed class HandlerRegistration(EventDispatcher dispatcher, IReadOnlyCollection<HandlerEntry> entries) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispatcher.Remove(entries);
        }
    }
}
