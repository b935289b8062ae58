namespace Kryten.Sdk;

/// <summary>
/// Arguments of a command whose schema marks one argument as chat text (<c>chatText: true</c>, e.g. <c>say</c> and
/// <c>pm</c>). The client splits such text at <see cref="KrytenChatOptions.MaxLength"/> and paces the pieces; the
/// generated args classes implement this, so the runtime needs no command names.
/// </summary>
/// <example>
/// <code>
/// IKrytenChatArgs args = new SayArgs("a long message");
/// IKrytenChatArgs firstHalf = args.WithChatText("a long");
/// </code>
/// </example>
public interface IKrytenChatArgs : IKrytenCommandArgs
{
    /// <summary>The chat text.</summary>
    string ChatText { get; }

    /// <summary>The same arguments with the chat text replaced (one piece of a split message).</summary>
    /// <param name="text">The piece.</param>
    /// <returns>New arguments; every other argument is unchanged.</returns>
    IKrytenChatArgs WithChatText(string text);
}
