using System.Threading.Channels;
using Kryten.Sdk.Delivery;

namespace Kryten.Sdk.Dispatch;

/// <summary>
/// One <c>Ordered</c> handler's queue for one channel: its events run one at a time in arrival order, each in a
/// concurrency slot. Bounded, so a slow ordered handler back-pressures its subscription instead of growing memory.
/// </summary>
internal sealed class OrderedLane
{
    private readonly Channel<(HandlerEntry Handler, object Evt, EventContext Context, EventDelivery? Delivery)> _queue =
        Channel.CreateBounded<(HandlerEntry, object, EventContext, EventDelivery?)>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public OrderedLane(HandlerInvoker invoker) => _ = RunAsync(invoker);

    public ValueTask EnqueueAsync(HandlerEntry handler, object evt, EventContext context, EventDelivery? delivery) =>
        _queue.Writer.WriteAsync((handler, evt, context, delivery));

    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync(HandlerInvoker invoker)
    {
        await foreach (var (handler, evt, context, delivery) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await invoker.RunInLaneAsync(handler, evt, context, delivery).ConfigureAwait(false);
        }
    }
}
