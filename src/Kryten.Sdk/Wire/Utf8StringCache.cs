using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// The text of a JSON string token (quotes included), from the cache when its raw bytes were seen before;
    /// false when it does not decode (the caller then reads the message the general way).
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> quoted, out string value)
    {
        var raw = quoted[1..^1];
        var slot = Find(raw);
        if (_values[slot] is { } cached)
        {
            value = cached;
            return true;
        }
        if (!JsonStringText.TryDecode(quoted, out value)) return false;
        Add(slot, raw, value);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    // Length and the first and last four bytes: names differ there, it costs a few instructions, and a crafted set of
    // colliding names only lengthens probes in a table that never holds more than 256 of them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> raw)
    {
        var hash = (uint)raw.Length * 0x9E3779B1u;
        if (raw.Length >= 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(raw);
            hash = BitOperations.RotateLeft(hash * 0x85EBCA77u, 13) ^ BinaryPrimitives.ReadUInt32LittleEndian(raw[^4..]);
        }
        else
        {
            foreach (var b in raw) hash = (hash ^ b) * 16777619u;
        }
        hash *= 0xC2B2AE3Du;
        return hash ^ (hash >> 16);
    }
}
