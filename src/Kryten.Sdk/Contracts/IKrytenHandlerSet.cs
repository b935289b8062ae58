namespace Kryten.Sdk;

/// <summary>
/// Implemented by the generator on every partial class that has <see cref="KrytenHandlerAttribute"/>
/// methods. The runtime reads <see cref="KrytenHandlers"/> once at registration and then calls
/// <see cref="InvokeKrytenHandlerAsync"/>, a generated <c>switch</c> over the handler index.
/// </summary>
/// <example>
/// <code>
/// await using var client = new KrytenClient(options);
/// client.AddHandlers(new EchoBot());   // EchoBot is partial; the generator implements this interface on it
/// await client.RunAsync(ct);
///
/// public sealed partial class EchoBot
/// {
///     [KrytenHandler]
///     public async Task OnChat(ChatMessage msg, EventContext ctx, CancellationToken ct)
///     {
///         if (msg.Msg == "!ping") await ctx.Commands.SayAsync("pong", cancellationToken: ct);
///     }
/// }
/// </code>
/// </example>
public interface IKrytenHandlerSet
{
    /// <summary>One descriptor per handler method, in declaration order; index = position.</summary>
    IReadOnlyList<KrytenHandlerDescriptor> KrytenHandlers { get; }

    /// <summary>
    /// Invokes handler <paramref name="handlerIndex"/>. <paramref name="evt"/> is the typed record
    /// (or a <see cref="KrytenRawEvent"/> for raw handlers).
    /// </summary>
    ValueTask InvokeKrytenHandlerAsync(int handlerIndex, object evt, EventContext context, CancellationToken cancellationToken);
}
