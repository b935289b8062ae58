using System.Diagnostics.CodeAnalysis;

namespace Kryten.Sdk;

/// <summary>
/// What is known of one part of a channel's robot state: <see cref="Status"/> says whether it is loading, present,
/// not there (absent) or could not be read (failed), and why. The typed value is on <see cref="KrytenStateValue{T}"/>.
/// </summary>
/// <example>
/// <code>
/// foreach (var part in Enum.GetValues&lt;KrytenStatePart&gt;())
/// {
///     KrytenStateValue value = client.ChannelState("420Grindhouse").Snapshot[part];
///     Console.WriteLine($"{part}: {value.Status} {value.Problem}");
/// }
/// </code>
/// </example>
public abstract class KrytenStateValue
{
    private protected KrytenStateValue(string channel, KrytenStatePart part, KrytenStateStatus status, KrytenStateReason reason, string? problem, Exception? cause)
    {
        Channel = channel;
        Part = part;
        Status = status;
        Reason = reason;
        Problem = problem;
        Cause = cause;
    }

    /// <summary>The bridge's channel, raw.</summary>
    public string Channel { get; }

    /// <summary>Which part this is.</summary>
    public KrytenStatePart Part { get; }

    /// <summary>Loading, present, absent or failed.</summary>
    public KrytenStateStatus Status { get; }

    /// <summary>Why the part is absent or failed; <see cref="KrytenStateReason.None"/> otherwise.</summary>
    public KrytenStateReason Reason { get; }

    /// <summary>Why the part is absent or failed, for people (names the bucket and key); null otherwise.</summary>
    public string? Problem { get; }

    /// <summary>The failure behind <see cref="KrytenStateStatus.Failed"/> (a NATS or JSON exception), if any.</summary>
    public Exception? Cause { get; }

    /// <summary>True when the value was read (<see cref="KrytenStateStatus.Present"/>).</summary>
    public bool IsPresent => Status == KrytenStateStatus.Present;

    /// <summary>The exception <c>Value</c> throws when the part is not present.</summary>
    private protected KrytenStateException NotPresent() => new(Channel, Part, Status, Reason,
        Status == KrytenStateStatus.Loading
            ? $"The {Part} of channel '{Channel}' is not loaded yet (await WhenLoadedAsync)"
            : $"The {Part} of channel '{Channel}' is {(Status == KrytenStateStatus.Absent ? "not there" : "unreadable")}: {Problem}", Cause);

    /// <summary>True when both say the same about a part that is not present (present values are compared by their source bytes).</summary>
    internal bool SameAbsence(KrytenStateValue other) =>
        Status != KrytenStateStatus.Present && Status == other.Status && Reason == other.Reason && Problem == other.Problem;

    /// <inheritdoc/>
    public override string ToString() => Status is KrytenStateStatus.Absent or KrytenStateStatus.Failed ? $"{Part}: {Status} ({Reason}: {Problem})" : $"{Part}: {Status}";
}

/// <summary>
/// One part of a channel's robot state with its typed value. <see cref="Value"/> throws
/// <see cref="KrytenStateException"/> unless the part is present, so an absent or unreadable part can never pass for an
/// empty one: a bot that reads the CSS to edit it cannot write back an empty string by mistake.
/// </summary>
/// <typeparam name="T">The part's type: a list of records, a record, or text.</typeparam>
/// <example>
/// <code>
/// var css = client.ChannelState("420Grindhouse").Snapshot.Css;
/// if (css.TryGetValue(out var text)) Console.WriteLine($"{text.Length} characters of CSS");   // "" is real CSS
/// else Console.WriteLine($"no CSS to show: {css.Status} ({css.Problem})");
/// </code>
/// </example>
public sealed class KrytenStateValue<T> : KrytenStateValue where T : class
{
    private readonly T? _value;

    private KrytenStateValue(string channel, KrytenStatePart part, T? value, KrytenStateStatus status, KrytenStateReason reason, string? problem, Exception? cause)
        : base(channel, part, status, reason, problem, cause) => _value = value;

    /// <summary>The value; throws <see cref="KrytenStateException"/> (with the status and reason) unless <see cref="KrytenStateValue.IsPresent"/>.</summary>
    public T Value => _value ?? throw NotPresent();

    /// <summary>Gets the value when the part is present.</summary>
    /// <param name="value">The value, when present.</param>
    /// <returns>True when present.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return value is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => _value switch
    {
        IReadOnlyCollection<object> items => $"{Part}: {items.Count} item(s)",
        string text => $"{Part}: {text.Length} character(s)",
        null => base.ToString(),
        _ => $"{Part}: {Status}",
    };

    internal static KrytenStateValue<T> Present(string channel, KrytenStatePart part, T value) =>
        new(channel, part, value, KrytenStateStatus.Present, KrytenStateReason.None, null, null);

    internal static KrytenStateValue<T> NotPresent(string channel, KrytenStatePart part, KrytenStateStatus status, KrytenStateReason reason, string? problem, Exception? cause) =>
        new(channel, part, null, status, reason, problem, cause);
}
