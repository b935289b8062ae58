namespace Kryten.Sdk.Commands;

/// <summary>One piece of a chat message or PM (long ones are split) with the <c>request_id</c> it will carry.</summary>
internal readonly record struct ChatPiece(KrytenCommand Command, string RequestId);

/// <summary>
/// A chat message or PM waiting in its channel's <see cref="ChatLane"/>. Sent with <c>…Async</c>, nobody waits for it,
/// so the lane logs it if it is not sent; sent with <c>…AndWaitAsync</c>, <see cref="Completion"/> tells the caller.
/// </summary>
internal sealed class QueuedChat(IReadOnlyList<ChatPiece> pieces, Func<ChatPiece, CancellationToken, Task> send, bool awaited, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource? _done = awaited ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;

    public IReadOnlyList<ChatPiece> Pieces => pieces;

    /// <summary>The waiting caller's token (none when nobody waits: a queued message is then always sent).</summary>
    public CancellationToken CancellationToken => cancellationToken;

    public bool Awaited => _done is not null;

    /// <summary>Completes when every piece is sent; faults with the reason it was not.</summary>
    public Task Completion => _done?.Task ?? Task.CompletedTask;

    public Task SendAsync(ChatPiece piece, CancellationToken token) => send(piece, token);

    public void Sent() => _done?.TrySetResult();

    public void Cancelled() => _done?.TrySetCanceled(cancellationToken);

    public void NotSent(Exception reason) => _done?.TrySetException(reason);
}
