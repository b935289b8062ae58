using System.ComponentModel;
using Kryten.Sdk.Diagnostics;
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
    /// Chosen by the compiler only when <paramref name="handlers"/> has <see cref="KrytenHandlerAttribute"/> methods but
    /// does not implement <see cref="IKrytenHandlerSet"/>: the Kryten generator did not run for its project. The error
    /// says what to add, instead of a bare "cannot convert to IKrytenHandlerSet".
    /// </summary>
    /// <param name="handlers">An instance of a class the generator did not see.</param>
    /// <returns>Never returns.</returns>
    [Obsolete(
        "This class does not implement IKrytenHandlerSet: the Kryten generator did not run for its project. Make the class " +
        "partial and reference the Kryten.Sdk package, or, with a ProjectReference to src/Kryten.Sdk, also add " +
        "<ProjectReference Include=\".../generators/Kryten.Sdk.Generators/Kryten.Sdk.Generators.csproj\" OutputItemType=\"Analyzer\" " +
        "ReferenceOutputAssembly=\"false\" /> (see README, 'Using the SDK from source').",
        error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IDisposable AddHandlers(object handlers) =>
        throw new InvalidOperationException($"{handlers?.GetType().Name} does not implement IKrytenHandlerSet: the Kryten generator did not run for its project");

    /// <summary>
    /// Handles every <typeparamref name="T"/> event. <paramref name="channel"/> matches when its normalized subject token
    /// equals the envelope channel's (so <c>"Lounge Test"</c>, <c>"lounge test"</c> and <c>"lounge-test"</c> all match the
    /// bridge's <c>Lounge Test</c>); <paramref name="domain"/> compares case-insensitively. <paramref name="ordered"/> runs this
    /// handler one event at a time per channel, in arrival order. Dispose the result to unregister.
    /// </summary>
    /// <remarks>
    /// Lambdas take the event, optionally the <see cref="EventContext"/>, optionally the token, and return a
    /// <see cref="Task"/>, so <c>async</c> lambdas and Task-returning calls fit every overload alike. (Handler methods
    /// marked <see cref="KrytenHandlerAttribute"/> may also return <see cref="ValueTask"/>: their return type is declared.)
    /// </remarks>
    /// <typeparam name="T">A generated event record: a CyTube event, or a lifecycle event such as <see cref="Events.RobotStartup"/>.</typeparam>
    /// <param name="handler">The handler; the token is cancelled at <see cref="KrytenOptions.HandlerTimeout"/>.</param>
    /// <param name="channel">Only this channel; null for all.</param>
    /// <param name="domain">Only this domain; null for all.</param>
    /// <param name="ordered">Keep per-channel arrival order.</param>
    /// <param name="skipBacklog">Not called for the chat CyTube replays when the bridge joins a channel (<see cref="EventContext.IsBacklog"/>).</param>
    /// <returns>Dispose it to remove the handler.</returns>
    /// <example>
    /// <code>
    /// using var reg = client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
    /// {
    ///     if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
    /// }, channel: "Lounge Test");
    /// </code>
    /// </example>
    public IDisposable On<T>(Func<T, EventContext, CancellationToken, Task> handler, string? channel = null, string? domain = null, bool ordered = false, bool skipBacklog = false)
        where T : class, IKrytenEvent<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register([new DelegateEntry<T>((evt, ctx, ct) => new ValueTask(handler(evt, ctx, ct)), channel, domain, ordered, skipBacklog)]);
    }

    /// <inheritdoc cref="On{T}(Func{T, EventContext, CancellationToken, Task}, string?, string?, bool, bool)"/>
    /// <example><code>client.On&lt;UserLeft&gt;((leave, ctx) =&gt; Console.Out.WriteLineAsync($"{leave.Name} left {ctx.Channel}"));</code></example>
    public IDisposable On<T>(Func<T, EventContext, Task> handler, string? channel = null, string? domain = null, bool ordered = false, bool skipBacklog = false)
        where T : class, IKrytenEvent<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return On<T>((evt, ctx, _) => handler(evt, ctx), channel, domain, ordered, skipBacklog);
    }

    /// <inheritdoc cref="On{T}(Func{T, EventContext, CancellationToken, Task}, string?, string?, bool, bool)"/>
    /// <example><code>client.On&lt;ChatMessage&gt;(msg =&gt; Console.Out.WriteLineAsync($"{msg.Username}: {ChatText.ToPlainText(msg.Msg)}"));</code></example>
    public IDisposable On<T>(Func<T, Task> handler, string? channel = null, string? domain = null, bool ordered = false, bool skipBacklog = false)
        where T : class, IKrytenEvent<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return On<T>((evt, _, _) => handler(evt), channel, domain, ordered, skipBacklog);
    }

    /// <summary>
    /// Handles events as <see cref="KrytenRawEvent"/> (payload left as JSON): every event, or only <paramref name="eventName"/>,
    /// including events no record exists for. Payloads of the wrong shape for their record still reach raw handlers.
    /// The overloads take the same lambda shapes as <see cref="On{T}(Func{T, EventContext, CancellationToken, Task}, string?, string?, bool, bool)"/>.
    /// </summary>
    /// <param name="handler">The handler.</param>
    /// <param name="eventName">A CyTube event name (any case), or null for all.</param>
    /// <param name="channel">Only this channel (same rule as <see cref="On{T}(Func{T, EventContext, CancellationToken, Task}, string?, string?, bool, bool)"/>); null for all.</param>
    /// <param name="domain">Only this domain; null for all.</param>
    /// <param name="ordered">Keep per-channel arrival order.</param>
    /// <param name="skipBacklog">Not called for the chat CyTube replays when the bridge joins a channel (<see cref="EventContext.IsBacklog"/>).</param>
    /// <returns>Dispose it to remove the handler.</returns>
    /// <example><code>client.OnRaw((e, ctx, ct) =&gt; Console.Out.WriteLineAsync($"{e.EventName} {e.PayloadKind}"));</code></example>
    public IDisposable OnRaw(Func<KrytenRawEvent, EventContext, CancellationToken, Task> handler, string? eventName = null, string? channel = null, string? domain = null, bool ordered = false, bool skipBacklog = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register([new RawDelegateEntry((evt, ctx, ct) => new ValueTask(handler(evt, ctx, ct)), eventName, channel, domain, ordered, skipBacklog)]);
    }

    /// <inheritdoc cref="OnRaw(Func{KrytenRawEvent, EventContext, CancellationToken, Task}, string?, string?, string?, bool, bool)"/>
    public IDisposable OnRaw(Func<KrytenRawEvent, EventContext, Task> handler, string? eventName = null, string? channel = null, string? domain = null, bool ordered = false, bool skipBacklog = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnRaw((evt, ctx, _) => handler(evt, ctx), eventName, channel, domain, ordered, skipBacklog);
    }

    /// <inheritdoc cref="OnRaw(Func{KrytenRawEvent, EventContext, CancellationToken, Task}, string?, string?, string?, bool, bool)"/>
    /// <example><code>client.OnRaw(e =&gt; Console.Out.WriteLineAsync(e.EventName), eventName: "mediaUpdate");</code></example>
    public IDisposable OnRaw(Func<KrytenRawEvent, Task> handler, string? eventName = null, string? channel = null, string? domain = null, bool ordered = false, bool skipBacklog = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnRaw((evt, _, _) => handler(evt), eventName, channel, domain, ordered, skipBacklog);
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
        stream.Attach(Register([new DelegateEntry<T>(stream.WriteAsync, channel, domain, ordered: true)]));
        return stream;
    }

    private HandlerRegistration Register(IReadOnlyCollection<HandlerEntry> entries)
    {
        _dispatcher.Add(entries);
        if (_connectedAt is not null) WarnIfHandlersCannotReceive();
        return new HandlerRegistration(_dispatcher, entries);
    }

    // A handler on a client without channels never runs; say so once instead of leaving the bot silently deaf.
    private void WarnIfHandlersCannotReceive()
    {
        var handlers = _dispatcher.Table.EventHandlerCount;   // lifecycle handlers need no channel
        if (_channels.Length == 0 && handlers > 0 && Interlocked.Exchange(ref _warnedNoChannels, 1) == 0)
        {
            Log.HandlersWithoutChannels(_logger, handlers);
        }
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
