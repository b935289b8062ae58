using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Kryten.Sdk.Hosting;

/// <summary>What <see cref="KrytenHostingExtensions.AddKryten(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration?, Action{KrytenOptions}?)"/> returns: add handler classes resolved from DI.</summary>
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
}
