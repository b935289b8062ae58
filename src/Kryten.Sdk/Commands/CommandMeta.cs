namespace Kryten.Sdk.Commands;

/// <summary>The request's <c>meta</c> object; <paramref name="CausedBy"/> is our extra key (the bridge ignores unknown meta keys).</summary>
internal readonly record struct CommandMeta(
    string Source,
    string Timestamp,
    string Domain,
    string Channel,
    string RequestId,
    string? CausedBy);
