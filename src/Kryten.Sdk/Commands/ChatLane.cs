using System.Threading.Channels;
using System.Threading.RateLimiting;
using Kryten.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Commands;

/// <summary>
/// One channel's outgoing chat and PMs: sent one message at a time in the order queued, each piece taking a token from
/// a bucket shaped like CyTube's antiflood (<see cref="KrytenChatOptions.Burst"/> at once, then
/// <see cref="KrytenChatOptions.Sustained"/> a second). CyTube limits per user per channel, PMs included, so chat and
/// PMs to one channel share a lane and lanes never wait for each other.
/// </summary>
internal sealed class ChatLane : IAsyncDisposable
{
    private readonly Channel<QueuedChat> _queue;
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly CancellationTokenSource _abandon = new();
    private readonly KrytenMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task _worker;
    private KrytenConnectionException? _abandonReason;
    private int _pending;

    public ChatLane(string channel, KrytenChatOptions options, KrytenMetrics metrics, ILogger logger)
    {
        Channel = channel;
        _metrics = metrics;
        _logger = logger;
        _queue = System.Threading.Channels.Channel.CreateBounded<QueuedChat>(new BoundedChannelOptions(options.MaxQueued)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (options.Pacing)
        {
            _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.Sustained),
                QueueLimit = 1,   // only the worker waits for tokens
                AutoReplenishment = true,
            });
        }
        _worker = Task.Run(RunAsync);
    }

    /// <summary>The channel as the first message to it named it.</summary>
    public string Channel { get; }

    /// <summary>Messages queued or being sent.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues a message; waits while the lane holds <see cref="KrytenChatOptions.MaxQueued"/> messages.</summary>
    public async ValueTask EnqueueAsync(QueuedChat chat, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            await _queue.Writer.WriteAsync(chat, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            Interlocked.Decrement(ref _pending);
            throw ChatPacer.Stopped();
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }
    }

    /// <summary>
    /// Stops taking messages and sends what is queued until <paramref name="timeout"/>; what is left is counted, logged
    /// once for the lane, and fails its waiting callers with the reason.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(timeout).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            // Fall through: give up on what is left.
        }
        var left = Pending;
        _abandonReason = new KrytenConnectionException(
            $"Not sent: the client stopped with {left} chat message(s) still waiting for their turn in '{Channel}' when the drain timeout of {timeout.TotalSeconds:0.###} s ran out");
        await _abandon.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        while (_queue.Reader.TryRead(out var chat)) NotSent(chat, _abandonReason, logEach: false);
        Log.ChatAbandoned(_logger, left, Channel, timeout);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _abandon.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        _bucket?.Dispose();
        _abandon.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var chat in _queue.Reader.ReadAllAsync(_abandon.Token).ConfigureAwait(false))
            {
                await SendAsync(chat).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Abandoned at shutdown: DrainAsync reports what is still queued.
        }
    }

    // Sends every piece of one message, each when the bucket has a token; a failed piece ends the message.
    private async Task SendAsync(QueuedChat chat)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_abandon.Token, chat.CancellationToken);
        try
        {
            foreach (var piece in chat.Pieces)
            {
                cancel.Token.ThrowIfCancellationRequested();
                if (_bucket is not null)
                {
                    using var lease = await _bucket.AcquireAsync(1, cancel.Token).ConfigureAwait(false);
                }
                await chat.SendAsync(piece, cancel.Token).ConfigureAwait(false);
            }
            Interlocked.Decrement(ref _pending);
            chat.Sent();
        }
        catch (OperationCanceledException) when (chat.CancellationToken.IsCancellationRequested)
        {
            Interlocked.Decrement(ref _pending);
            chat.Cancelled();
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            NotSent(chat, _abandonReason ?? new KrytenConnectionException($"Not sent: the client was disposed while this message to '{Channel}' waited"), logEach: false);
        }
        catch (Exception e)
        {
            NotSent(chat, e, logEach: true);
        }
    }

    // A caller that waits learns why from its task; one that does not is told by the log.
    private void NotSent(QueuedChat chat, Exception reason, bool logEach)
    {
        Interlocked.Decrement(ref _pending);
        _metrics.ChatMessageNotSent();
        chat.NotSent(reason);
        if (logEach && !chat.Awaited) Log.ChatNotSent(_logger, chat.Pieces[0].RequestId, Channel, reason.Message);
    }
}
