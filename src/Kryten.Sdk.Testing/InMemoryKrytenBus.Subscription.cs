using System.Threading.Channels;
using Kryten.Sdk.Transport;

namespace Kryten.Sdk.Testing;

public sealed partial class InMemoryKrytenBus
{
    /// <summary>One subscriber: messages queue up and its handler sees them one at a time, in order, as with NATS.</summary>
    private sealed class Subscription : IAsyncDisposable
    {
        private readonly InMemoryKrytenBus _bus;
        private readonly KrytenMessageHandler _handler;
        private readonly Channel<KrytenMessage> _queue = Channel.CreateUnbounded<KrytenMessage>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _closing = new();
        private readonly Task _loop;
        private long _enqueued, _processed;

        public Subscription(InMemoryKrytenBus bus, string subject, string? queueGroup, KrytenMessageHandler handler)
        {
            _bus = bus;
            Subject = subject;
            QueueGroup = queueGroup;
            _handler = handler;
            _loop = Task.Run(RunAsync);
        }

        public string Subject { get; }

        public string? QueueGroup { get; }

        public void Enqueue(KrytenMessage message)
        {
            Interlocked.Increment(ref _enqueued);
            if (!_queue.Writer.TryWrite(message)) Interlocked.Increment(ref _processed);
        }

        public async Task WhenIdleAsync(CancellationToken cancellationToken)
        {
            while (Interlocked.Read(ref _processed) < Interlocked.Read(ref _enqueued) && !_loop.IsCompleted)
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_bus._subscriptions.TryRemove(this, out _)) return;
            _queue.Writer.TryComplete();
            await _closing.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _closing.Dispose();
        }

        private async Task RunAsync()
        {
            await foreach (var message in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    if (!_closing.IsCancellationRequested) await _handler(message, _closing.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A failing subscriber must not stop the bus (the real client never throws here).
                }
                finally
                {
                    Interlocked.Increment(ref _processed);
                }
            }
        }
    }
}
