namespace Kryten.Sdk.State;

/// <summary>What <see cref="EventContext.ChannelState"/> asks: the client that dispatched the event keeps the channels' state.</summary>
internal interface IChannelStateSource
{
    KrytenChannelState ChannelStateOf(string channel, string domain);
}
