namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// Implemented by the generator on every partial class that has <see cref="ChatCommandAttribute"/> methods. The router
/// reads <see cref="KrytenChatCommands"/> once at registration and calls <see cref="InvokeKrytenChatCommandAsync"/>, a
/// generated <c>switch</c> that parses the arguments and calls the method.
/// </summary>
/// <example>
/// <code>
/// using var commands = client.AddChatCommands(new Pinger());
///
/// public sealed partial class Pinger
/// {
///     [ChatCommand("ping")]
///     public Task Ping(ChatCommandContext ctx) =&gt; ctx.ReplyAsync("pong").AsTask();
/// }
/// </code>
/// </example>
public interface IKrytenChatCommandSet
{
    /// <summary>One descriptor per command method, in declaration order; index = position.</summary>
    IReadOnlyList<ChatCommandDescriptor> KrytenChatCommands { get; }

    /// <summary>
    /// Parses <paramref name="context"/>'s arguments for command <paramref name="commandIndex"/> and runs it. Arguments
    /// that do not parse throw <see cref="ChatArgumentException"/> before the method runs.
    /// </summary>
    ValueTask InvokeKrytenChatCommandAsync(int commandIndex, ChatCommandContext context, CancellationToken cancellationToken);
}
