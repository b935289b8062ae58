using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk.Commands;

/// <summary>
/// <see cref="EventContext.Commands"/>: the client's sender with a command's channel and domain defaulted to the handled
/// event's, so a reply goes where the event came from, and <c>caused_by</c> set to the event's correlation id. Made
/// when a handler asks for it, so events whose handlers send nothing allocate nothing for it. A lifecycle event without
/// a channel (e.g. the bridge's first startup) leaves the channel and domain to the client's defaults.
/// </summary>
internal sealed class EventCommandSender(IKrytenCommandSender sender, string? channel, string? domain, string correlationId) : IKrytenCommandSender
{
    public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default) =>
        sender.SendCommandAsync(Reply(command), cancellationToken);

    public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        sender.SendCommandAndWaitAsync(Reply(command), replyType, timeout, cancellationToken);

    private KrytenCommand Reply(KrytenCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with
        {
            Channel = command.Channel ?? channel,
            Domain = command.Channel is null ? command.Domain ?? domain : command.Domain,
            CausedBy = command.CausedBy ?? correlationId,
        };
    }
}
