using System.Text;
using System.Text.Json;

namespace Kryten.Sdk.Wire;

/// <summary>
/// Maps the raw JSON bytes of a string value to one shared <see cref="string"/>, so the few channel,
/// domain and event names a bot sees are decoded once. Not thread-safe: one per receive loop.
/// Open addressing on a cheap hash, because a bot listening to every event has dozens of names.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Capacity = 256;
    private const int Slots = Capacity * 2;   // at most half full, so probes stay short
    private const int MaxKeyLength = 256;
    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string[Slots];
    private int _count;

    /// <summary>The string value the reader is positioned on, from the cache when its raw bytes were seen before.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence) return reader.GetString()!;
        var raw = reader.ValueSpan;
        var slot = Find(raw);
        if (_values[slot] is { } cached) return cached;
        return Add(slot, raw, reader.GetString()!);
    }

    /// <summary>The string for raw bytes that are printable ASCII without escapes (the caller has checked).</summary>
    public string GetAscii(ReadOnlySpan<byte> raw)
    {
        var slot = Find(raw);
        if (_values[slot] is { } cached) return cached;
        return Add(slot, raw, Encoding.ASCII.GetString(raw));
    }

    private int Find(ReadOnlySpan<byte> raw)
    {
        var slot = (int)(Hash(raw) & (Slots - 1));
        while (_keys[slot] is { } key && !raw.SequenceEqual(key)) slot = (slot + 1) & (Slots - 1);
        return slot;
    }

    private string Add(int slot, ReadOnlySpan<byte> raw, string value)
    {
        // A bounded cache: past capacity, strings are simply not cached (attacker-chosen names cannot grow memory).
        if (_count < Capacity && raw.Length <= MaxKeyLength)
        {
            _keys[slot] = raw.ToArray();
            _values[slot] = value;
            _count++;
        }
        return value;
    }

    // FNV-1a over at most the first 32 bytes and the length: names differ early, and this keeps long keys cheap.
    private static uint Hash(ReadOnlySpan<byte> raw)
    {
        var hash = 2166136261u ^ (uint)raw.Length;
        foreach (var b in raw[..Math.Min(raw.Length, 32)]) hash = (hash ^ b) * 16777619u;
        return hash ^ (hash >> 15);
    }
}
