using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Lifecycle;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kryten.Sdk.Tests.Support;

/// <summary>The event path without a client or transport: a dispatcher, its invoker and one channel's subscription.</summary>
internal sealed class DispatchRig : IDisposable
{
    public DispatchRig(KrytenOptions? options = null, ILogger? logger = null, IKrytenCommandSender? commands = null, string channel = "420Grindhouse")
    {
        Options = options ?? TestClients.Options(channel);
        Metrics = new KrytenMetrics();
        Invoker = new HandlerInvoker(Options, Metrics, logger ?? NullLogger.Instance);
        Dispatcher = new EventDispatcher(Options, commands ?? new NullSender(), Invoker, Metrics, Backlog, logger ?? NullLogger.Instance);
        Channel = new ChannelSubscription(new KrytenChannelOptions { Domain = "cytu.be", Channel = channel }, "kryten.events.cytube." + KrytenSubjects.Normalize(channel) + ".>",
            new EnvelopeReader(Options.MaxMessageBytes, Options.MaxJsonDepth, TimeProvider.System));
    }

    public KrytenOptions Options { get; }

    public KrytenMetrics Metrics { get; }

    public ChatBacklog Backlog { get; } = new();

    public HandlerInvoker Invoker { get; }

    public EventDispatcher Dispatcher { get; }

    public ChannelSubscription Channel { get; }

    public void Add(params HandlerEntry[] entries) => Dispatcher.Add(entries);

    public ValueTask DispatchAsync(byte[] body, string subject = "kryten.events.cytube.420grindhouse.x") =>
        Dispatcher.DispatchAsync(new KrytenMessage(subject, null, body), Channel);

    public Task WhenIdleAsync() => Invoker.WhenIdleAsync(TimeSpan.FromSeconds(10));

    public void Dispose() => Metrics.Dispose();

    private sealed class NullSender : IKrytenCommandSender
    {
        public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default) => new("");

        public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
