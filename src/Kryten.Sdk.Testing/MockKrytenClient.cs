using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Testing;

/// <summary>
/// A connected <see cref="KrytenClient"/> on an <see cref="InMemoryKrytenBus"/>, ready for bot tests: one channel
/// (<c>cytu.be</c>/<c>test</c> unless given), no chat pacing, every command acknowledged unless scripted otherwise.
/// <see cref="EmitAsync(string, string, string?)"/> publishes an event and waits until its handlers have run.
/// </summary>
/// <example>
/// <code>
/// await using var mock = await MockKrytenClient.StartAsync();
/// mock.Client.On&lt;ChatMessage&gt;(async (msg, ctx, ct) =&gt;
/// {
///     if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
/// });
/// await mock.EmitAsync("chatMsg", """{"username":"alice","msg":"!ping","meta":{},"time":1786731943510}""");
/// string? reply = mock.Commands.Single().Args.GetProperty("message").GetString();   // "pong"
/// </code>
/// </example>
public sealed class MockKrytenClient : IAsyncDisposable
{
    private MockKrytenClient(InMemoryKrytenBus bus, KrytenClient client, string channel, string domain)
    {
        Bus = bus;
        Client = client;
        Channel = channel;
        Domain = domain;
    }

    /// <summary>The bus (script replies, simulate disconnects, inject raw messages).</summary>
    public InMemoryKrytenBus Bus { get; }

    /// <summary>The real client under test.</summary>
    public KrytenClient Client { get; }

    /// <summary>The default channel events are emitted on.</summary>
    public string Channel { get; }

    /// <summary>The default domain.</summary>
    public string Domain { get; }

    /// <summary>The commands sent so far, exactly as on the wire.</summary>
    public IReadOnlyList<RecordedCommand> Commands => Bus.Commands;

    /// <summary>
    /// Creates and connects a client; <paramref name="configure"/> may adjust the options first. With a
    /// <paramref name="loggerFactory"/>, the client and the bus log there: why an event was skipped, what was not sent.
    /// </summary>
    /// <param name="configure">Adjusts the default options.</param>
    /// <param name="loggerFactory">Where the client and the bus log.</param>
    /// <example><code>await using var mock = await MockKrytenClient.StartAsync(o => o.Chat.MaxLength = 20);</code></example>
    public static async Task<MockKrytenClient> StartAsync(Action<KrytenOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new KrytenOptions
        {
            Channels = [new KrytenChannelOptions { Domain = "cytu.be", Channel = "test" }],
            ServiceName = "kryten-mock",
            Chat = new KrytenChatOptions { Pacing = false },
            Retry = new KrytenRetryOptions { Attempts = 0 },
        };
        configure?.Invoke(options);
        var bus = new InMemoryKrytenBus(loggerFactory)
        {
            AcknowledgeUnscripted = true,
            EventPrefix = options.Subjects.EventPrefix,
            CommandSubject = options.Subjects.CommandSubject,
            ReconnectBufferTimeout = options.Nats.ReconnectBufferTimeout,
        };
        var client = new KrytenClient(options, bus, loggerFactory);
        await client.ConnectAsync().ConfigureAwait(false);
        var first = options.Channels.FirstOrDefault();
        return new MockKrytenClient(bus, client, first?.Channel ?? "test", first?.Domain ?? "cytu.be");
    }

    /// <summary>Publishes an event as the bridge would and waits until the handlers it started have finished.</summary>
    /// <param name="eventName">The CyTube event name.</param>
    /// <param name="payloadJson">The payload JSON.</param>
    /// <param name="channel">The channel (default <see cref="Channel"/>).</param>
    /// <example><code>await mock.EmitAsync("usercount", "5");</code></example>
    public async Task<string> EmitAsync(string eventName, string payloadJson, string? channel = null)
    {
        var id = await Bus.PublishEventAsync(channel ?? Channel, eventName, payloadJson, Domain).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
        return id;
    }

    /// <summary>Publishes a typed event and waits until its handlers have finished.</summary>
    /// <typeparam name="T">The event record.</typeparam>
    /// <param name="evt">The event.</param>
    /// <param name="channel">The channel (default <see cref="Channel"/>).</param>
    /// <example><code>await mock.EmitAsync(new UserLeft { Name = "bob" });</code></example>
    public async Task<string> EmitAsync<T>(T evt, string? channel = null) where T : class, IKrytenEvent<T>
    {
        var id = await Bus.PublishEventAsync(channel ?? Channel, evt, Domain).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
        return id;
    }

    /// <summary>Publishes a lifecycle event (e.g. the bridge's <see cref="Events.RobotConnected"/>) and waits until its handlers have finished.</summary>
    /// <typeparam name="T">A lifecycle event record.</typeparam>
    /// <param name="evt">The event.</param>
    /// <example><code>await mock.EmitLifecycleAsync(new GroupRestartNotice { Initiator = "admin", Reason = "Config update" });</code></example>
    public async Task EmitLifecycleAsync<T>(T evt) where T : class, IKrytenEvent<T>
    {
        await Bus.PublishLifecycleAsync(evt).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Simulates the bridge of <see cref="Channel"/> (re)starting (<see cref="InMemoryKrytenBus.SimulateRobotStartupAsync"/>)
    /// and waits until the client has handled it: its handlers have run, and a client with a service has announced itself again.
    /// </summary>
    /// <example>
    /// <code>
    /// await using var mock = await MockKrytenClient.StartAsync(o =&gt; o.Service = new KrytenServiceOptions { Name = "mybot" });
    /// await mock.SimulateRobotStartupAsync();
    /// int startups = mock.Bus.Lifecycle.Count(m =&gt; m.Event == "startup");   // 3: on connect, and on both of the bridge's startups
    /// </code>
    /// </example>
    public async Task SimulateRobotStartupAsync()
    {
        await Bus.SimulateRobotStartupAsync(Channel, Domain).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until delivered events are dispatched, no handler is running, and every chat message and PM has been sent
    /// (sending chat returns once it is queued).
    /// </summary>
    /// <example><code>await mock.Client.SayAsync("hello"); await mock.SettleAsync(); string sent = mock.Commands.Single().Command;   // "say"</code></example>
    public async Task SettleAsync()
    {
        await Bus.WhenIdleAsync().ConfigureAwait(false);
        await Client.WhenHandlersIdleAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Client.WhenChatSentAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
