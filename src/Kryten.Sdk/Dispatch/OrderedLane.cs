using System.Threading.Channels;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// One <c>Ordered</c> handler's queue for one channel: events run one at a time in arrival order, each in a
/// concurrency slot. Bounded, so a slow ordered handler back-pressures its subscription instead of growing memory.
/// </summary>
internal sealed class OrderedLane
{
    private readonly Channel<(object Evt, EventContext Context)> _queue =
        Channel.CreateBounded<(object, EventContext)>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public OrderedLane(EventDispatcher dispatcher, HandlerEntry handler) => Completion = RunAsync(dispatcher, handler);

    public Task Completion { get; }

    public ValueTask EnqueueAsync(object evt, EventContext context) => _queue.Writer.WriteAsync((evt, context));

    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync(EventDispatcher dispatcher, HandlerEntry handler)
    {
        await Task.Yield();
        await foreach (var (evt, context) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await dispatcher.EnterQueuedAsync().ConfigureAwait(false);
            await dispatcher.RunAsync(handler, evt, context).ConfigureAwait(false);
        }
    }
}
