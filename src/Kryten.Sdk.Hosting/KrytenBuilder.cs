using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kryten.Sdk.Hosting;

internal sealed class KrytenBuilder(IServiceCollection services) : IKrytenBuilder
{
    public IServiceCollection Services => services;

    public IKrytenBuilder AddHandlers<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandlers>()
        where THandlers : class, IKrytenHandlerSet
    {
        services.TryAddSingleton<THandlers>();
        services.AddSingleton(new HandlerSetRegistration(static provider => provider.GetRequiredService<THandlers>()));
        return this;
    }
}

/// <summary>A handler class to resolve and add to the client when the host starts.</summary>
internal sealed record HandlerSetRegistration(Func<IServiceProvider, IKrytenHandlerSet> Resolve);
