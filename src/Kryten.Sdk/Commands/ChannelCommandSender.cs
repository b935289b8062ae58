using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk.Commands;

/// <summary>
/// What <see cref="EventContext.Commands"/> is: the client's sender with channel and domain defaulted to the
/// event's, so a handler's reply goes to the channel the event came from. One instance per channel, reused.
/// </summary>
internal sealed class ChannelCommandSender(IKrytenCommandSender client, string channel, string domain) : IKrytenCommandSender
{
    public ValueTask<string> SendCommandAsync(KrytenCommand command, CancellationToken cancellationToken = default) =>
        client.SendCommandAsync(Route(command), cancellationToken);

    public ValueTask<TReply> SendCommandAndWaitAsync<TReply>(KrytenCommand command, JsonTypeInfo<TReply> replyType, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        client.SendCommandAndWaitAsync(Route(command), replyType, timeout, cancellationToken);

    private KrytenCommand Route(KrytenCommand command) =>
        command.Channel is null ? command with { Channel = channel, Domain = command.Domain ?? domain } : command;
}
