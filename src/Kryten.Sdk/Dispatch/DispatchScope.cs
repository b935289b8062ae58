namespace Kryten.Sdk.Dispatch;

/// <summary>
/// The correlation id of the event whose handler is running on this async flow, so commands sent from the
/// handler (through any sender) carry it as <c>meta.caused_by</c> and on their span.
/// </summary>
internal static class DispatchScope
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? CorrelationId => Current.Value;

    /// <summary>Sets the id for the rest of the calling async method (async methods restore the caller's value on return).</summary>
    public static void Enter(string correlationId) => Current.Value = correlationId;
}
