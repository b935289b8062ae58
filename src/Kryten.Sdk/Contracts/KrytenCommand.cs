namespace Kryten.Sdk;

/// <summary>
/// One request for <c>kryten.robot.command</c>, as generated command methods build it.
/// The runtime adds <c>service</c> and <c>meta</c> and resolves a null channel/domain.
/// </summary>
/// <param name="Name">The bridge's <c>command</c> string, e.g. <c>say</c> or <c>state.userlist</c>.</param>
/// <param name="Args">Writes the arguments; null for none.</param>
/// <param name="Channel">Target channel; null means the context's or the only configured one.</param>
/// <param name="Domain">Target domain; null means the channel's configured domain.</param>
/// <param name="ArgsPlacement">Where the bridge reads the arguments.</param>
/// <param name="CausedBy">
/// The correlation id of the event this command answers, sent as <c>meta.caused_by</c> (the bridge ignores it) and put
/// on the command's span. <see cref="EventContext.Commands"/> fills it in; set it yourself to link a command sent
/// through the client to the event that caused it.
/// </param>
/// <example>
/// <code>
/// var cmd = new KrytenCommand("say", new SayArgs("hello"), Channel: "420Grindhouse", Domain: null);
/// string id = await client.SendCommandAsync(cmd with { CausedBy = ctx.CorrelationId });   // linked to the event
/// </code>
/// </example>
public sealed record KrytenCommand(
    string Name,
    IKrytenCommandArgs? Args,
    string? Channel = null,
    string? Domain = null,
    KrytenArgsPlacement ArgsPlacement = KrytenArgsPlacement.Args,
    string? CausedBy = null);

/// <summary>Where in the request the bridge reads a command's arguments.</summary>
public enum KrytenArgsPlacement
{
    /// <summary>Inside the <c>args</c> object (every robot command).</summary>
    Args,

    /// <summary>At the top level of the request (state queries such as <c>state.user</c>, <c>system.shutdown</c>).</summary>
    TopLevel,
}

/// <summary>Generated per command: writes the argument properties with the JSON keys the bridge reads.</summary>
/// <example>
/// <code>
/// public sealed class ShoutArgs(string message) : IKrytenCommandArgs   // what the generator writes for a schema command
/// {
///     public string Message { get; } = message;
///
///     public void WriteProperties(System.Text.Json.Utf8JsonWriter writer) => writer.WriteString("message", Message);
/// }
/// </code>
/// </example>
public interface IKrytenCommandArgs
{
    /// <summary>Writes the arguments as properties of the object the writer is currently in.</summary>
    void WriteProperties(System.Text.Json.Utf8JsonWriter writer);
}
