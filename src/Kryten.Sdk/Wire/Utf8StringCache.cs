using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Maps the raw JSON bytes of a string value to one shared <see cref="string"/>, so the few channel,
/// domain and event names a bot sees are decoded once. Not thread-safe: one per receive loop.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Capacity = 256;
    private readonly byte[][] _keys = new byte[Capacity][];
    private readonly string[] _values = new string[Capacity];
    private int _count;

    /// <summary>The string value the reader is positioned on, from the cache when its raw bytes were seen before.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence) return reader.GetString()!;
        var raw = reader.ValueSpan;
        for (var i = 0; i < _count; i++)
        {
            if (raw.SequenceEqual(_keys[i])) return _values[i];
        }
        var value = reader.GetString()!;
        // A bounded cache: past capacity, strings are simply not cached (attacker-chosen names cannot grow memory).
        if (_count < Capacity && raw.Length <= 256)
        {
            _keys[_count] = raw.ToArray();
            _values[_count] = value;
            _count++;
        }
        return value;
    }
}
