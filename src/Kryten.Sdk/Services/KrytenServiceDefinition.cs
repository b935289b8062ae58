using System.Text.Json;

namespace Kryten.Sdk;

/// <summary>
/// Answers one command: reads the arguments from <paramref name="args"/> (a JSON object: the request, or its
/// <c>args</c> object), does the work, and writes the reply's <c>data</c> value to <paramref name="data"/>. Generated
/// service hosts build these; a <see cref="KrytenServiceException"/> becomes an error reply with its code, a
/// <see cref="KrytenValidationException"/> or <see cref="JsonException"/> one with <c>INVALID_INPUT</c>.
/// </summary>
/// <param name="args">The arguments object.</param>
/// <param name="call">The caller's metadata.</param>
/// <param name="data">Where the reply's <c>data</c> value goes (exactly one JSON value).</param>
/// <param name="cancellationToken">Signals that the host is stopping.</param>
/// <returns>A task that completes when <paramref name="data"/> is written.</returns>
/// <example><code>KrytenServiceHandler echo = (args, call, data, ct) => { data.WriteStringValue(call.Command); return default; };</code></example>
public delegate ValueTask KrytenServiceHandler(ReadOnlyMemory<byte> args, KrytenServiceCall call, Utf8JsonWriter data, CancellationToken cancellationToken);

/// <summary>One command of a service: its name, its aliases and its handler.</summary>
/// <param name="Command">The command name (dotted, e.g. <c>seen.get</c>).</param>
/// <param name="Aliases">Other names that reach the same handler.</param>
/// <param name="Handler">The handler.</param>
/// <example><code>var ping = new KrytenServiceEndpoint("echo.say", [], (args, call, data, ct) => { data.WriteNullValue(); return default; });</code></example>
public sealed record KrytenServiceEndpoint(string Command, IReadOnlyList<string> Aliases, KrytenServiceHandler Handler);

/// <summary>A service: its name (the subject token and the <c>service</c> key) and its commands. Generated hosts build it.</summary>
/// <param name="Name">The service name, e.g. <c>seen</c> (subject <c>kryten.seen.command</c>).</param>
/// <param name="Endpoints">The commands.</param>
/// <example><code>var definition = new KrytenServiceDefinition("echo", [new KrytenServiceEndpoint("echo.say", [], (args, call, data, ct) => { data.WriteNullValue(); return default; })]);</code></example>
public sealed record KrytenServiceDefinition(string Name, IReadOnlyList<KrytenServiceEndpoint> Endpoints);
