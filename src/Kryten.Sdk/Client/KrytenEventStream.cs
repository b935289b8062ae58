using System.Threading.Channels;

namespace Kryten.Sdk;

/// <summary>
/// Events of one type as an <see cref="IAsyncEnumerable{T}"/> (from <see cref="KrytenClient.Events{T}"/>).
/// Disposing unregisters the handler and ends the enumeration after the buffered events.
/// </summary>
/// <typeparam name="T">The event record.</typeparam>
/// <example>
/// <code>
/// await using var joins = client.Events&lt;UserJoined&gt;();
/// await foreach (var user in joins) Console.WriteLine(user.Name);
/// </code>
/// </example>
public sealed class KrytenEventStream<T> : IAsyncEnumerable<T>, IAsyncDisposable, IDisposable
{
    private readonly Channel<T> _buffer;
    private IDisposable? _registration;

    internal KrytenEventStream(int capacity) =>
        _buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });

    internal void Attach(IDisposable registration) => _registration = registration;

    internal ValueTask WriteAsync(T evt, EventContext context, CancellationToken cancellationToken) =>
        _buffer.Writer.TryWrite(evt) ? default : WriteSlowAsync(evt, cancellationToken);

    private async ValueTask WriteSlowAsync(T evt, CancellationToken cancellationToken)
    {
        try
        {
            await _buffer.Writer.WriteAsync(evt, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The stream was disposed while the event waited for room: nobody reads it any more.
        }
    }

    /// <summary>Enumerates the events until the stream is disposed or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <example><code>await foreach (var msg in client.Events&lt;ChatMessage&gt;().WithCancellation(ct)) Console.WriteLine(msg.Msg);</code></example>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _buffer.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Unregisters and completes the stream.</summary>
    /// <example><code>using var stream = client.Events&lt;ChatMessage&gt;();   // disposed at the end of the scope</code></example>
    public void Dispose()
    {
        _registration?.Dispose();
        _buffer.Writer.TryComplete();
    }

    /// <summary>Unregisters and completes the stream.</summary>
    /// <example><code>await using var stream = client.Events&lt;ChatMessage&gt;();   // disposed at the end of the scope</code></example>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
