using System.Threading.Channels;

namespace Kryten.Sdk.Commands;

/// <summary>
/// Paces chat and PM sends: each waits until <c>MinDelay + U(0, Jitter)</c> after the previous one. Only chat goes
/// through here, so other commands are never held up. <see cref="DrainAsync"/> sends what is queued, then stops.
/// </summary>
internal sealed class ChatQueue
{
    private readonly Channel<Func<Task>> _queue = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly KrytenChatOptions _options;
    private readonly TimeProvider _time;
    private readonly Task _worker;
    private long _lastSent;

    public ChatQueue(KrytenChatOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Queues one send; completes when it has been sent (or failed, or was cancelled before its turn).</summary>
    public Task<T> EnqueueAsync<T>(Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Run()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return Task.CompletedTask;
            }
            return RunOne();
        }
        async Task RunOne()
        {
            try
            {
                done.TrySetResult(await send(cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }
        if (!_queue.Writer.TryWrite(Run)) throw new KrytenConnectionException("The client is stopping; chat is no longer accepted");
        return done.Task;
    }

    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunAsync()
    {
        await foreach (var send in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var last = Interlocked.Read(ref _lastSent);
            if (last != 0)
            {
                var jitter = _options.Jitter * Random.Shared.NextDouble();
                var due = last + (long)((_options.MinDelay + jitter).TotalSeconds * _time.TimestampFrequency);
                var wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time).ConfigureAwait(false);
            }
            await send().ConfigureAwait(false);
            Interlocked.Exchange(ref _lastSent, _time.GetTimestamp());
        }
    }
}
