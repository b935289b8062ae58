namespace Kryten.Sdk.State;

/// <summary>
/// Keeps the parts of one of a channel's buckets current in its view: opens the bucket (waiting for it while it does
/// not exist, retrying with backoff while it cannot be read), applies every key's current value, then each change.
/// A watch that ends (after a reconnect) is opened anew; a value is applied only when its bytes changed, so reopening
/// raises no change for what is already known.
/// </summary>
internal sealed class BucketFollower(
    IStateBuckets buckets,
    KrytenChannelState view,
    string bucket,
    IReadOnlyDictionary<string, KrytenStatePart> parts,
    StateSettings settings,
    Action? onActivity = null)
{
    // Failures back off up to this (or RetryInterval, when longer); a bucket that does not exist is looked for every
    // RetryInterval, or as soon as JetStream announces it.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, byte[]> _stored = new(StringComparer.Ordinal);
    private bool _missingLogged;
    private bool _foundLogged;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var opened = await buckets.OpenAsync(bucket, cancellationToken).ConfigureAwait(false);
                if (opened is null)
                {
                    failures = 0;
                    BucketMissing();
                    await buckets.WaitForBucketAsync(bucket, settings.RetryInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (!_foundLogged || failures > 0) StateLog.BucketFound(settings.Logger, bucket, view.Channel);
                _foundLogged = true;
                _missingLogged = false;
                failures = 0;
                onActivity?.Invoke();
                await FollowAsync(opened, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;   // the client is stopping: whatever the last read ran into no longer matters
            }
            catch (Exception exception)
            {
                var e = exception as StateReadException ?? new StateReadException(KrytenStateReason.ReadFailed, $"reading {bucket} failed: {exception.Message}", exception);
                failures++;
                var ceiling = Math.Max(settings.RetryInterval.Ticks, MaxRetryDelay.Ticks);
                var delay = TimeSpan.FromTicks(Math.Min(settings.RetryInterval.Ticks << Math.Min(failures - 1, 16), ceiling));
                ReadFailed(e, failures, delay);
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task FollowAsync(IStateBucket opened, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var caughtUp = false;
        await foreach (var entry in opened.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsCaughtUp)
            {
                if (caughtUp) continue;
                caughtUp = true;
                foreach (var (key, part) in parts)
                {
                    if (!seen.Contains(key)) KeyMissing(key, part);
                }
                continue;
            }
            if (!parts.TryGetValue(entry.Key!, out var changed)) continue;   // not a key the bridge writes
            seen.Add(entry.Key!);
            if (entry.Deleted) KeyMissing(entry.Key!, changed);
            else Store(entry.Key!, changed, entry.Value.Span);
            onActivity?.Invoke();
        }
    }

    private void Store(string key, KrytenStatePart part, ReadOnlySpan<byte> value)
    {
        if (_stored.TryGetValue(key, out var known) && value.SequenceEqual(known)) return;
        _stored[key] = value.ToArray();
        var where = $"{bucket} key {key}";
        var read = StatePartReader.Read(view.Channel, part, where, value, settings.MaxJsonDepth);
        if (read.Reason == KrytenStateReason.Malformed) StateLog.Malformed(settings.Logger, where, view.Channel, read.Problem!);
        view.Apply(read);
    }

    private void KeyMissing(string key, KrytenStatePart part)
    {
        _stored.Remove(key);
        view.Apply(StatePartReader.NotPresent(view.Channel, part, KrytenStateReason.NoKey,
            $"{bucket} has no key {key}: the bridge has not written it yet (or deleted it)"));
    }

    private void BucketMissing()
    {
        if (!_missingLogged) StateLog.BucketMissing(settings.Logger, bucket, view.Channel);
        _missingLogged = true;
        _stored.Clear();
        foreach (var part in parts.Values)
        {
            view.Apply(StatePartReader.NotPresent(view.Channel, part, KrytenStateReason.NoBucket,
                $"KV bucket {bucket} does not exist: the bridge has not run for this channel (it is picked up when it appears)"));
        }
    }

    // A part whose value is known keeps it: it is what the bridge last wrote, and the next read that works brings any
    // change. Parts without a value learn why they have none.
    private void ReadFailed(StateReadException e, int failures, TimeSpan delay)
    {
        if (e.Reason == KrytenStateReason.JetStreamUnavailable) settings.ReportUnavailable(e.Message);
        else if (failures == 1) StateLog.ReadFailed(settings.Logger, bucket, view.Channel, e.Reason, e.Message, delay);
        foreach (var (key, part) in parts)
        {
            if (!_stored.ContainsKey(key)) view.Apply(StatePartReader.NotPresent(view.Channel, part, e.Reason, e.Message, e.InnerException));
        }
    }
}
