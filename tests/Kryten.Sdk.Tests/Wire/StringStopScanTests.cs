using Kryten.Sdk.Events;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// The canonical readers find the end of a string's plain run sixteen bytes at a time; it must find exactly what a
/// byte-by-byte scan finds, wherever the stop falls relative to the blocks and the end of the buffer.
/// </summary>
public sealed class StringStopScanTests
{
    private static int Reference(ReadOnlySpan<byte> text, bool stopAtNonAscii)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'"' || b == (byte)'\\' || b < 0x20 || (stopAtNonAscii && b >= 0x80)) return i;
        }
        return -1;
    }

    [Theory]
    [InlineData((byte)'"')]
    [InlineData((byte)'\\')]
    [InlineData((byte)0x00)]
    [InlineData((byte)0x1F)]
    [InlineData((byte)0x80)]
    [InlineData((byte)0xFF)]
    public void A_single_stop_is_found_at_every_offset_of_every_length(byte stop)
    {
        for (var length = 1; length <= 70; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var text = Enumerable.Repeat((byte)'a', length).ToArray();
                text[at] = stop;
                foreach (var nonAscii in new[] { false, true })
                {
                    KrytenJsonPrimitives.IndexOfStringStop(text, nonAscii).ShouldBe(Reference(text, nonAscii), $"length {length}, at {at}, 0x{stop:X2}, {nonAscii}");
                }
            }
        }
    }

    [Fact]
    public void Plain_text_without_a_stop_scans_to_the_end()
    {
        for (var length = 0; length <= 70; length++)
        {
            var text = Enumerable.Range(0, length).Select(i => (byte)(0x20 + i % 0x5F)).Where(b => b is not ((byte)'"' or (byte)'\\')).ToArray();
            KrytenJsonPrimitives.IndexOfStringStop(text, true).ShouldBe(-1);
            KrytenJsonPrimitives.IndexOfStringStop(text, false).ShouldBe(-1);
        }
    }

    [Fact]
    public void Random_buffers_scan_as_byte_by_byte()
    {
        var random = new Random(20261122);
        byte[] interesting = [(byte)'"', (byte)'\\', 0x00, 0x09, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xE2, 0xFF];
        for (var n = 0; n < 20_000; n++)
        {
            var text = new byte[random.Next(0, 80)];
            for (var i = 0; i < text.Length; i++)
                text[i] = random.Next(12) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(0x23, 0x5B);
            var nonAscii = random.Next(2) == 0;
            KrytenJsonPrimitives.IndexOfStringStop(text, nonAscii).ShouldBe(Reference(text, nonAscii), Convert.ToHexString(text));
        }
    }
}
