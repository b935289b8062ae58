using System.Text.Json;

namespace Kryten.Sdk;

/// <summary>Calls a service command through its generated client with arguments given as text.</summary>
/// <param name="client">A connected client.</param>
/// <param name="arguments">The arguments, by parameter name.</param>
/// <param name="timeout">The reply wait; null for the client's default.</param>
/// <param name="cancellationToken">Cancels the wait.</param>
/// <returns>The reply's data as JSON.</returns>
public delegate ValueTask<JsonElement> KrytenServiceCommandInvoker(KrytenClient client, KrytenCommandArguments arguments, TimeSpan? timeout, CancellationToken cancellationToken);

/// <summary>
/// One command of a service contract as data, generated into each contract's client (<c>{Service}Client.Commands</c>)
/// for tools (the <c>kryten call</c> command line) that call any command without knowing it. <see cref="InvokeAsync"/>
/// builds the command's generated arguments, so the contract's rules are checked before anything is sent.
/// </summary>
/// <example><code>var remove = ModeratorClient.Commands.Single(c => c.Command == "entry.remove");</code></example>
public sealed class KrytenServiceCommandInfo
{
    private readonly KrytenServiceCommandInvoker _invoke;

    /// <summary>Creates an entry (called by generated code).</summary>
    /// <param name="command">The command (<c>entry.add</c>).</param>
    /// <param name="description">The contract's documentation.</param>
    /// <param name="parameters">The arguments, required ones first.</param>
    /// <param name="invoke">Calls the generated client.</param>
    /// <example><code>var info = ModeratorClient.Commands[0];</code></example>
    public KrytenServiceCommandInfo(string command, string? description, IReadOnlyList<KrytenCommandParameter> parameters, KrytenServiceCommandInvoker invoke)
    {
        Command = command;
        Description = description;
        Parameters = parameters;
        _invoke = invoke;
    }

    /// <summary>The command (<c>entry.add</c>).</summary>
    public string Command { get; }

    /// <summary>The contract's documentation.</summary>
    public string? Description { get; }

    /// <summary>The arguments, required ones first.</summary>
    public IReadOnlyList<KrytenCommandParameter> Parameters { get; }

    /// <summary>Validates the arguments by the contract, sends the request and waits for the reply.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="arguments">The arguments, by parameter name.</param>
    /// <param name="timeout">The reply wait; null for the client's default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply's data as JSON.</returns>
    /// <exception cref="KrytenValidationException">An argument is missing, is not of its kind, or breaks a rule of the contract; nothing was sent.</exception>
    /// <exception cref="KrytenException">The call did not succeed (see the generated client's exceptions).</exception>
    /// <example><code>System.Text.Json.JsonElement data = await ModeratorClient.Commands.Single(c => c.Command == "system.ping").InvokeAsync(client, new KrytenCommandArguments(new Dictionary&lt;string, IReadOnlyList&lt;string&gt;&gt;()), null, CancellationToken.None);</code></example>
    public ValueTask<JsonElement> InvokeAsync(KrytenClient client, KrytenCommandArguments arguments, TimeSpan? timeout, CancellationToken cancellationToken) =>
        _invoke(client, arguments, timeout, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => Command;
}
