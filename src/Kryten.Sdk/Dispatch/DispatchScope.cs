namespace Kryten.Sdk.Dispatch;

/// <summary>
/// The correlation id of the event whose handler is running on this async flow, so commands sent from the
/// handler (through any sender) carry it as <c>meta.caused_by</c> and on their span.
/// </summary>
internal static class DispatchScope
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? CorrelationId => Current.Value;

    /// <summary>
    /// Sets the id for the code that follows on this flow (an async handler captures it at its first await);
    /// returns the previous id for <see cref="Leave"/>.
    /// </summary>
    public static string? Enter(string correlationId)
    {
        var previous = Current.Value;
        Current.Value = correlationId;
        return previous;
    }

    /// <summary>Puts back the id <see cref="Enter"/> replaced, once the handler has returned to the dispatcher.</summary>
    public static void Leave(string? previous) => Current.Value = previous;
}
