namespace Kryten.Sdk.Tests.Support;

/// <summary>The edit step the mutation fuzzes share: one byte replaced, removed or inserted near a chosen anchor.</summary>
internal static class ByteEdits
{
    /// <summary>Edits <paramref name="bytes"/> with <paramref name="value"/> next to a random anchor, or anywhere when there is none.</summary>
    public static void Apply(List<byte> bytes, Random random, byte value, int[] anchors)
    {
        var at = anchors.Length == 0
            ? random.Next(bytes.Count + 1)
            : Math.Clamp(anchors[random.Next(anchors.Length)] + random.Next(-1, 2), 0, bytes.Count);
        switch (random.Next(3))
        {
            case 0 when at < bytes.Count:
                bytes[at] = value;
                break;
            case 1 when at < bytes.Count:
                bytes.RemoveAt(at);
                break;
            default:
                bytes.Insert(at, value);
                break;
        }
    }
}
