namespace Kryten.Samples.Tests;

/// <summary>A clock that says what the test set: the samples take their "now" from a <see cref="TimeProvider"/>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
