using System.Globalization;

namespace Kryten.Sdk.Events;

/// <summary>A JSON value that is a number or a string, such as a poll count (<c>3</c>, or <c>"3?"</c> / <c>"?"</c> when hidden).</summary>
/// <example>
/// <code>
/// client.On&lt;PollUpdated&gt;((poll, ctx) =&gt;
///     Console.Out.WriteLineAsync(string.Join(", ", poll.Counts.Select(c =&gt; c.Number is { } n ? n.ToString() : c.Text))));
/// </code>
/// </example>
public readonly record struct StringOrNumber
{
    /// <summary>Creates a numeric value.</summary>
    /// <param name="number">The number.</param>
    public StringOrNumber(double number) => Number = number;

    /// <summary>Creates a text value.</summary>
    /// <param name="text">The text.</param>
    public StringOrNumber(string text) => Text = text;

    /// <summary>The number, when the JSON value was a number.</summary>
    public double? Number { get; }

    /// <summary>The text, when the JSON value was a string.</summary>
    public string? Text { get; }

    /// <summary>Whether the JSON value was a number.</summary>
    public bool IsNumber => Number.HasValue;

    /// <summary>The value as CyTube would show it.</summary>
    /// <returns>The text, or the number in invariant culture.</returns>
    public override string ToString() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
