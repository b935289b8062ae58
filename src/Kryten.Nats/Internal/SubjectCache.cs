using System.Text;

namespace Kryten.Nats.Internal;

/// <summary>
/// Maps the UTF-8 subject bytes of received messages to strings so repeated subjects do not allocate.
/// Bounded: it is cleared when it grows past <see cref="MaxEntries"/>. Used only by the read loop.
/// </summary>
internal sealed class SubjectCache
{
    private const int MaxEntries = 256;
    private readonly string _literal;
    private readonly byte[] _literalUtf8;
    private readonly Dictionary<int, (byte[] Utf8, string Text)> _entries = [];

    private readonly bool _cacheOthers;

    /// <param name="subscriptionSubject">The subscribed subject (returned as is for literal matches).</param>
    /// <param name="cacheOthers">False for subjects that never repeat (the request inbox), so they are not cached.</param>
    public SubjectCache(string subscriptionSubject, bool cacheOthers = true)
    {
        _cacheOthers = cacheOthers;
        _literal = subscriptionSubject;
        _literalUtf8 = Encoding.UTF8.GetBytes(subscriptionSubject);
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.SequenceEqual(_literalUtf8)) return _literal;
        if (!_cacheOthers) return Encoding.UTF8.GetString(utf8);
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
        if (_entries.TryGetValue(key, out var hit) && utf8.SequenceEqual(hit.Utf8)) return hit.Text;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var text = Encoding.UTF8.GetString(utf8);
        _entries[key] = (utf8.ToArray(), text);
        return text;
    }
}
