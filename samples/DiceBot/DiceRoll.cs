using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kryten.Samples.DiceBot;

/// <summary>
/// A dice expression as typed in chat: <c>NdM</c>, optionally <c>+K</c> or <c>-K</c> (<c>2d6+3</c>), with N dice of
/// 1..100 and M sides of 2..1000. A chat command parameter of this type is read by <see cref="TryParse(string?, IFormatProvider?, out DiceRoll)"/>.
/// </summary>
/// <param name="Count">N, the number of dice.</param>
/// <param name="Sides">M, the sides of each die.</param>
/// <param name="Modifier">K, added to the total (negative for <c>-K</c>).</param>
public sealed record DiceRoll(int Count, int Sides, int Modifier) : IParsable<DiceRoll>
{
    /// <summary>What <c>!roll</c> rolls without an argument.</summary>
    public static readonly DiceRoll Default = new(1, 6, 0);

    /// <summary>Rolls the dice: each die, then the total with the modifier.</summary>
    public (int Total, int[] Dice) Roll(Random random)
    {
        var dice = Enumerable.Range(0, Count).Select(_ => random.Next(1, Sides + 1)).ToArray();
        return (dice.Sum() + Modifier, dice);
    }

    /// <summary>As typed: <c>2d6+3</c>, <c>1d20-1</c>, <c>3d8</c>.</summary>
    public override string ToString() =>
        Modifier switch
        {
            0 => $"{Count}d{Sides}",
            > 0 => $"{Count}d{Sides}+{Modifier}",
            _ => $"{Count}d{Sides}{Modifier}",
        };

    /// <inheritdoc/>
    public static DiceRoll Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var roll) ? roll : throw new FormatException($"'{s}' is not NdM, NdM+K or NdM-K");

    /// <inheritdoc/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out DiceRoll result)
    {
        result = null;
        if (s is null) return false;
        var d = s.IndexOfAny(['d', 'D']);
        if (d <= 0) return false;
        var sign = s.IndexOfAny(['+', '-'], d);
        var sidesText = sign < 0 ? s[(d + 1)..] : s[(d + 1)..sign];
        var modifier = 0;
        if (!Number(s[..d], out var count) || !Number(sidesText, out var sides)) return false;
        if (sign >= 0 && (!Number(s[(sign + 1)..], out modifier) || modifier > 1000)) return false;
        if (count is < 1 or > 100 || sides is < 2 or > 1000) return false;
        result = new DiceRoll(count, sides, s[sign < 0 ? 0 : sign] == '-' ? -modifier : modifier);
        return true;
    }

    // Digits only: no sign, no white space, no thousands separators.
    private static bool Number(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
