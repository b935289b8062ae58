using System.Diagnostics.CodeAnalysis;
using Kryten.Sdk.ChatCommands;
using Microsoft.Extensions.DependencyInjection;

namespace Kryten.Sdk.Hosting;

/// <summary>What <see cref="KrytenHostingExtensions.AddKryten(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration?, Action{KrytenOptions}?)"/> returns: add handler classes, chat command classes and service implementations resolved from DI.</summary>
/// <example>
/// <code>
/// using Microsoft.Extensions.Hosting;
///
/// var builder = Host.CreateApplicationBuilder();
/// builder.AddKryten().AddHandlers&lt;Greeter&gt;();
///
/// public sealed partial class Greeter(TimeProvider clock)   // its constructor's dependencies come from DI
/// {
///     [KrytenHandler]
///     public Task OnJoin(UserJoined user, EventContext ctx) =&gt;
///         ctx.Commands.SayAsync($"hi {user.Name}, it is {clock.GetUtcNow():HH:mm} UTC").AsTask();
/// }
/// </code>
/// </example>
public interface IKrytenBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="THandlers"/> as a singleton (its constructor dependencies come from DI) and adds
    /// its <see cref="KrytenHandlerAttribute"/> methods to the client when the host starts.
    /// </summary>
    /// <typeparam name="THandlers">A partial class with handler methods (the generator implements <see cref="IKrytenHandlerSet"/>).</typeparam>
    /// <returns>The same builder.</returns>
    IKrytenBuilder AddHandlers<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandlers>()
        where THandlers : class, IKrytenHandlerSet;

    /// <summary>
    /// Registers <typeparamref name="TCommands"/> as a singleton (its constructor dependencies come from DI) and adds
    /// its <see cref="ChatCommandAttribute"/> methods to the client when the host starts, as
    /// <see cref="KrytenClient.AddChatCommands(IKrytenChatCommandSet, Action{ChatCommandOptions}?)"/> would.
    /// </summary>
    /// <typeparam name="TCommands">A partial class with chat command methods (the generator implements <see cref="IKrytenChatCommandSet"/>).</typeparam>
    /// <param name="configure">Adjusts the router's <see cref="ChatCommandOptions"/> (prefix, where refusals go…); null for the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <example>
    /// <code>
    /// var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
    /// builder.AddKryten().AddChatCommands&lt;Pinger&gt;(o =&gt; o.Prefix = "?");
    ///
    /// public sealed partial class Pinger(TimeProvider clock)   // its constructor's dependencies come from DI
    /// {
    ///     [ChatCommand("ping")]
    ///     public Task Ping(ChatCommandContext ctx) =&gt; ctx.ReplyAsync($"pong at {clock.GetUtcNow():HH:mm:ss}").AsTask();
    /// }
    /// </code>
    /// </example>
    IKrytenBuilder AddChatCommands<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TCommands>(Action<ChatCommandOptions>? configure = null)
        where TCommands : class, IKrytenChatCommandSet;

    /// <summary>
    /// Registers <typeparamref name="TImplementation"/> as the singleton <typeparamref name="TService"/> (its constructor
    /// dependencies come from DI) and serves it once the client is connected; the host stops serving before the client
    /// stops, letting requests being answered finish.
    /// </summary>
    /// <typeparam name="TService">The generated service interface, e.g. <c>IModeratorService</c>.</typeparam>
    /// <typeparam name="TImplementation">The implementation.</typeparam>
    /// <param name="definition">The generated host's <c>Definition</c> method, e.g. <c>ModeratorServiceHost.Definition</c>.</param>
    /// <param name="configure">Adjusts the <see cref="KrytenServiceHostOptions"/> (version, queue group…); null for the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <example>
    /// <code>
    /// // With a contract: builder.AddKryten().AddService&lt;ISeenService, SeenService&gt;(SeenServiceHost.Definition);
    /// // any definition works the same way:
    /// var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
    /// builder.AddKryten().AddService&lt;Echo, Echo&gt;(
    ///     echo =&gt; new KrytenServiceDefinition("echo", [new KrytenServiceEndpoint("echo.say", [], echo.SayAsync)]),
    ///     o =&gt; o.Version = "1.0.0");
    ///
    /// public sealed class Echo
    /// {
    ///     public ValueTask SayAsync(ReadOnlyMemory&lt;byte&gt; args, KrytenServiceCall call, System.Text.Json.Utf8JsonWriter data, CancellationToken ct)
    ///     {
    ///         data.WriteStringValue(call.Command);
    ///         return default;
    ///     }
    /// }
    /// </code>
    /// </example>
    IKrytenBuilder AddService<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        Func<TService, KrytenServiceDefinition> definition, Action<KrytenServiceHostOptions>? configure = null)
        where TService : class
        where TImplementation : class, TService;
}
