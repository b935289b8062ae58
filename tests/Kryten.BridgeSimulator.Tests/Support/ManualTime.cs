namespace Kryten.BridgeSimulator.Tests.Support;

/// <summary>A clock the test moves, for uptimes and heartbeat ages to the microsecond.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
