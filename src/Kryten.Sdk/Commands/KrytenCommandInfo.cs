using System.Text.Json.Serialization.Metadata;

namespace Kryten.Sdk;

/// <summary>How a command argument is spelled on a command line (see <see cref="KrytenCommandArguments"/>).</summary>
public enum KrytenParameterKind
{
    /// <summary>Text, passed as given.</summary>
    Text,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An integer in invariant digits.</summary>
    Integer,

    /// <summary>A number in invariant notation.</summary>
    Number,

    /// <summary>A list of texts, one value each.</summary>
    TextList,

    /// <summary>A JSON object, as JSON text.</summary>
    JsonObject,
}

/// <summary>One argument of a catalogued command.</summary>
/// <param name="Name">The C# parameter name of the generated method (camelCase).</param>
/// <param name="JsonName">The key the bridge reads.</param>
/// <param name="Kind">How the value is written as text.</param>
/// <param name="Required">Whether the command needs it (optional ones have the schema's default).</param>
/// <param name="Description">The schema's documentation of the argument.</param>
/// <example><code>var p = new KrytenCommandParameter("message", "message", KrytenParameterKind.Text, true, "The message text.");</code></example>
public sealed record KrytenCommandParameter(string Name, string JsonName, KrytenParameterKind Kind, bool Required, string? Description);

/// <summary>Calls a catalogued command's waiting method with arguments given as text.</summary>
/// <param name="sender">The command sender.</param>
/// <param name="arguments">The arguments, by parameter name.</param>
/// <param name="channel">Target channel; null for the only configured one.</param>
/// <param name="domain">Target domain; null for the channel's configured one.</param>
/// <param name="timeout">Reply timeout; null for the client's default.</param>
/// <param name="cancellationToken">Cancels sending and waiting.</param>
/// <returns>The typed reply (an instance of <see cref="KrytenCommandInfo.ReplyType"/>'s type).</returns>
public delegate ValueTask<object> KrytenCommandInvoker(
    IKrytenCommandSender sender, KrytenCommandArguments arguments, string? channel, string? domain, TimeSpan? timeout, CancellationToken cancellationToken);

/// <summary>
/// One command or query of the schema as data, generated into <c>KrytenCommandCatalog.All</c> for tools (the
/// <c>kryten</c> command line) that offer every command without knowing them. <see cref="InvokeAsync"/> calls the same
/// generated <c>…AndWaitAsync</c> method a bot calls, so arguments are validated by the schema's rules.
/// </summary>
/// <example><code>var say = KrytenCommandCatalog.All.Single(c => c.Command == "say");</code></example>
public sealed class KrytenCommandInfo
{
    private readonly KrytenCommandInvoker _invoke;

    /// <summary>Creates an entry (called by generated code).</summary>
    /// <param name="method">The generated method stem (<c>AddVideo</c>).</param>
    /// <param name="command">The bridge command (<c>addvideo</c>).</param>
    /// <param name="isQuery">Whether it is a query (state or system) rather than a robot command.</param>
    /// <param name="description">The schema's documentation.</param>
    /// <param name="parameters">The arguments, required ones first.</param>
    /// <param name="replyType">Metadata of the typed reply.</param>
    /// <param name="invoke">Calls the generated waiting method.</param>
    /// <example><code>var info = KrytenCommandCatalog.All[0];</code></example>
    public KrytenCommandInfo(
        string method, string command, bool isQuery, string? description, IReadOnlyList<KrytenCommandParameter> parameters, JsonTypeInfo replyType, KrytenCommandInvoker invoke)
    {
        Method = method;
        Command = command;
        IsQuery = isQuery;
        Description = description;
        Parameters = parameters;
        ReplyType = replyType;
        _invoke = invoke;
    }

    /// <summary>The generated method stem (<c>AddVideo</c>).</summary>
    public string Method { get; }

    /// <summary>The bridge command (<c>addvideo</c>).</summary>
    public string Command { get; }

    /// <summary>Whether it is a query (state or system) rather than a robot command.</summary>
    public bool IsQuery { get; }

    /// <summary>The schema's documentation.</summary>
    public string? Description { get; }

    /// <summary>The arguments, required ones first.</summary>
    public IReadOnlyList<KrytenCommandParameter> Parameters { get; }

    /// <summary>Metadata of the typed reply, to write it as JSON.</summary>
    public JsonTypeInfo ReplyType { get; }

    /// <summary>Sends the command and waits for the bridge's typed reply.</summary>
    /// <param name="sender">The command sender (a connected client).</param>
    /// <param name="arguments">The arguments, by parameter name.</param>
    /// <param name="channel">Target channel; null for the only configured one.</param>
    /// <param name="domain">Target domain; null for the channel's configured one.</param>
    /// <param name="timeout">Reply timeout; null for the client's default.</param>
    /// <param name="cancellationToken">Cancels sending and waiting.</param>
    /// <returns>The typed reply.</returns>
    /// <exception cref="KrytenValidationException">An argument is missing, is not of its kind, or breaks a schema rule; nothing was sent.</exception>
    /// <exception cref="KrytenException">The command did not go through (see the generated method's exceptions).</exception>
    /// <example><code>object reply = await KrytenCommandCatalog.All.Single(c => c.Command == "say").InvokeAsync(client, new KrytenCommandArguments(new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt; { ["message"] = ["hello"] }), "lobby", null, null, CancellationToken.None);</code></example>
    public ValueTask<object> InvokeAsync(
        IKrytenCommandSender sender, KrytenCommandArguments arguments, string? channel, string? domain, TimeSpan? timeout, CancellationToken cancellationToken) =>
        _invoke(sender, arguments, channel, domain, timeout, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => Command;
}
