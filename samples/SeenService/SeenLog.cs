using System.Globalization;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Samples.SeenService;

/// <summary>
/// The seen service: its handlers record every user of the configured channels in the owned bucket, and it answers
/// <c>seen.get</c> and <c>seen.top</c> (the generated <see cref="ISeenService"/>) from that bucket.
/// </summary>
/// <remarks>
/// A user is seen when they chat (<c>chatMsg</c>: CyTube's time of the message, the text, one more message) and when
/// they join or leave (<c>addUser</c>, <c>userLeave</c>: they carry no time, so the time they arrive here; the message
/// and the count stay). Those are the catalog's events that name a user doing something in the channel. A chat line no
/// newer than the last one counted is not counted again: that is the backlog CyTube replays when the bridge joins (and
/// a line delivered twice), while backlog lines the service never counted still are. Every change goes through the
/// bucket's compare-and-set retry, so several instances of the service (or overlapping events) lose no count.
/// </remarks>
internal sealed partial class SeenLog(KrytenOwnedBucket<SeenRecord> bucket, TimeProvider clock) : ISeenService
{
    /// <summary>The bucket the service owns; one record per user name across the configured channels.</summary>
    public const string BucketName = "kryten_seen";

    [KrytenHandler]
    public async ValueTask OnChatAsync(ChatMessage message, EventContext context, CancellationToken cancellationToken)
    {
        if (!SeenNames.TryKey(message.Username, out var key)) return;
        var text = ChatText.ToPlainText(message.Msg);
        // A line already counted is written back as it is (the retry helper always writes; the revision is harmless).
        await bucket.UpdateAsync(key, old => old is not null && message.TimeMs <= old.LastChatMs
            ? old
            : new SeenRecord
            {
                Name = message.Username,
                LastSeenMs = Math.Max(message.TimeMs, old?.LastSeenMs ?? 0),
                LastChatMs = message.TimeMs,
                LastMessage = text,
                Messages = (old?.Messages ?? 0) + 1,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    [KrytenHandler]
    public ValueTask OnUserJoinedAsync(UserJoined user, EventContext context, CancellationToken cancellationToken) =>
        SeenNowAsync(user.Name, cancellationToken);

    [KrytenHandler]
    public ValueTask OnUserLeftAsync(UserLeft user, EventContext context, CancellationToken cancellationToken) =>
        SeenNowAsync(user.Name, cancellationToken);

    public async ValueTask<SeenUser> GetAsync(string name, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        var entry = SeenNames.TryKey(name, out var key) ? await bucket.GetAsync(key, cancellationToken).ConfigureAwait(false) : null;
        if (entry is null) throw new KrytenServiceException(SeenServiceErrors.RecordNotFound, $"{name} has not been seen", name);
        var seen = entry.Value;
        return new SeenUser
        {
            Name = seen.Name,
            LastSeen = seen.LastSeenUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            LastMessage = seen.LastMessage,
        };
    }

    public async ValueTask<SeenTop> TopAsync(int limit, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        // Every record is read: the sample keeps no second index, which is fine for a channel's few thousand names.
        var counts = new List<SeenCount>();
        await foreach (var key in bucket.KeysAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await bucket.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } entry)
                counts.Add(new SeenCount { Name = entry.Value.Name, Messages = entry.Value.Messages });
        }
        var top = counts.OrderByDescending(c => c.Messages).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Take(limit).ToList();
        return new SeenTop { Users = top };
    }

    private async ValueTask SeenNowAsync(string name, CancellationToken cancellationToken)
    {
        if (!SeenNames.TryKey(name, out var key)) return;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await bucket.UpdateAsync(key, old => new SeenRecord
        {
            Name = name,
            LastSeenMs = Math.Max(now, old?.LastSeenMs ?? 0),   // never back in time, whichever clock was ahead
            LastChatMs = old?.LastChatMs ?? 0,
            LastMessage = old?.LastMessage,
            Messages = old?.Messages ?? 0,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
