using System.Diagnostics.CodeAnalysis;
using Kryten.Sdk.ChatCommands;
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

    public IKrytenBuilder AddChatCommands<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TCommands>(Action<ChatCommandOptions>? configure = null)
        where TCommands : class, IKrytenChatCommandSet
    {
        services.TryAddSingleton<TCommands>();
        services.AddSingleton(new ChatCommandSetRegistration(static provider => provider.GetRequiredService<TCommands>(), configure));
        return this;
    }

    public IKrytenBuilder AddService<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        Func<TService, KrytenServiceDefinition> definition, Action<KrytenServiceHostOptions>? configure = null)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(definition);
        services.TryAddSingleton<TService, TImplementation>();
        services.AddSingleton(new ServiceRegistration(provider => definition(provider.GetRequiredService<TService>()), configure));
        return this;
    }
}

/// <summary>A handler class to resolve and add to the client when the host starts.</summary>
internal sealed record HandlerSetRegistration(Func<IServiceProvider, IKrytenHandlerSet> Resolve);

/// <summary>A chat command class to resolve and add to the client, with its router options, when the host starts.</summary>
internal sealed record ChatCommandSetRegistration(Func<IServiceProvider, IKrytenChatCommandSet> Resolve, Action<ChatCommandOptions>? Configure);

/// <summary>A service to resolve and serve once the client is connected.</summary>
internal sealed record ServiceRegistration(Func<IServiceProvider, KrytenServiceDefinition> Resolve, Action<KrytenServiceHostOptions>? Configure);
