namespace Kryten.Sdk.Testing;

// The bus's simulated connection: connecting, losing it and getting it back, and publishing as NATS.Net does meanwhile.
public sealed partial class InMemoryKrytenBus
{
    /// <summary>
    /// Simulates losing the connection: state becomes Reconnecting, nothing is delivered, and publishes wait for
    /// <see cref="SimulateReconnect"/> (then go out in order) or fail after <see cref="ReconnectBufferTimeout"/>.
    /// </summary>
    /// <example><code>bus.SimulateDisconnect();   // client.State is now KrytenConnectionState.Reconnecting</code></example>
    public void SimulateDisconnect() => SetState(KrytenConnectionState.Reconnecting);

    /// <summary>Simulates the connection coming back; subscriptions continue (as NATS resubscribes).</summary>
    /// <example><code>bus.SimulateReconnect();</code></example>
    public void SimulateReconnect() => SetState(KrytenConnectionState.Connected);

    /// <summary>Simulates reconnecting giving up: the connection is closed for good.</summary>
    /// <example><code>bus.SimulateConnectionClosed(); // client.RunAsync ends with KrytenConnectionException</code></example>
    public void SimulateConnectionClosed() => SetState(KrytenConnectionState.Closed);

    /// <inheritdoc/>
    public ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FailConnects > 0)
        {
            FailConnects--;
            throw new KrytenConnectionException("simulated connection failure");
        }
        SetState(KrytenConnectionState.Connected);
        return default;
    }

    // Like NATS.Net: a publish while reconnecting waits for the connection (keeping publish order), then goes out, or
    // fails once the reconnect buffer time has passed; a closed or never-opened connection fails at once.
    private async Task<int> SendInOrderAsync(string subject, Func<int> send, CancellationToken cancellationToken)
    {
        await _sendOrder.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is KrytenConnectionState.Closed or KrytenConnectionState.Disconnected)
            {
                throw new KrytenConnectionException($"simulated: not connected ({_state})");
            }
            Task connected;
            lock (_signal) connected = _connected.Task;
            try
            {
                await connected.WaitAsync(ReconnectBufferTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new KrytenConnectionException($"not connected to NATS: the publish to '{subject}' waited nats.reconnectBufferTimeout for the connection to come back (simulated)");
            }
            if (FailPublishes > 0)
            {
                FailPublishes--;
                throw new IOException("simulated publish failure");
            }
            return send();
        }
        finally
        {
            _sendOrder.Release();
        }
    }

    private void SetState(KrytenConnectionState state)
    {
        if (_state == state) return;
        lock (_signal)
        {
            _state = state;
            if (state == KrytenConnectionState.Connected) _connected.TrySetResult();
            else if (_connected.Task.IsCompleted) _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        StateChanged?.Invoke(this, state);
    }
}
