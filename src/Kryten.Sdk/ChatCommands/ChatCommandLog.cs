using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.ChatCommands;

/// <summary>The chat command router's log lines (source-generated; ids 120–129 belong to chat commands).</summary>
internal static partial class ChatCommandLog
{
    [LoggerMessage(120, LogLevel.Error, "Chat command {Method} failed for {Sender} in {Channel}; the sender was told it failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string method, string sender, string channel);
}
