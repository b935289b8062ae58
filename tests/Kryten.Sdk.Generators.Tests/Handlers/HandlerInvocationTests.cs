using System.Runtime.Loader;
using Kryten.Sdk.Generators.Handlers;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Handlers;

/// <summary>The emitted switch calls the right method with the right arguments: compiled, loaded and invoked.</summary>
public sealed class HandlerInvocationTests
{
    private const string Bot = """
        namespace Demo.Bots
        {
            public partial class RecordingBot
            {
                private readonly System.Collections.Generic.List<string> _calls = new();

                public override string ToString() => string.Join("|", _calls);

                [KrytenHandler(SkipBacklog = true)]
                public Task OnChat(ChatMessage message)
                {
                    _calls.Add("chat:" + message.Msg);
                    return Task.CompletedTask;
                }

                [KrytenHandler(Channel = "lobby")]
                private ValueTask OnJoin(AddUser user, EventContext context, CancellationToken cancellationToken)
                {
                    _calls.Add($"join:{user.Name}@{context.Channel}:{cancellationToken.CanBeCanceled}");
                    return default;
                }

                [KrytenHandler]
                public Task OnRaw(KrytenRawEvent raw, CancellationToken cancellationToken)
                {
                    _calls.Add("raw:" + raw.EventName);
                    return Task.CompletedTask;
                }
            }
        }
        """;

    [Fact]
    public async Task Invokes_each_handler_by_index()
    {
        var output = GeneratorRunner.Run(
            GeneratorInput.Empty.WithSource("Events.cs", HandlerSources.Events).WithSource("Bot.cs", HandlerSources.File(Bot)),
            new KrytenHandlerGenerator()).ShouldCompileCleanly();

        using var image = new MemoryStream();
        var emit = output.OutputCompilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        emit.Success.ShouldBeTrue(string.Join("\n", emit.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("handler-invocation", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            var bot = (IKrytenHandlerSet)Activator.CreateInstance(assembly.GetType("Demo.Bots.RecordingBot")!)!;
            var chat = Activator.CreateInstance(assembly.GetType("Demo.Events.ChatMessage")!, "alice", "hi")!;
            var join = Activator.CreateInstance(assembly.GetType("Demo.Events.AddUser")!, "bob")!;
            var raw = new KrytenRawEvent("pm", "lobby", "cytu.be", "kryten.events.cytube.lobby.pm", DateTimeOffset.UnixEpoch, "c1", ReadOnlyMemory<byte>.Empty, System.Text.Json.JsonValueKind.Null);
            var eventContext = new EventContext("addUser", "lobby", "cytu.be", "kryten.events.cytube.lobby.adduser", DateTimeOffset.UnixEpoch, "c2", null!);
            using var cts = new CancellationTokenSource();

            bot.KrytenHandlers.Select(d => (d.Index, d.Name, d.EventName, d.Event?.RecordType.FullName, d.IsRaw, d.Channel, d.Domain, d.Ordered, d.SkipBacklog)).ShouldBe(
            [
                (0, "RecordingBot.OnChat", "chatMsg", "Demo.Events.ChatMessage", false, null, null, false, true),
                (1, "RecordingBot.OnJoin", "addUser", "Demo.Events.AddUser", false, "lobby", null, false, false),
                (2, "RecordingBot.OnRaw", null, null, true, null, null, false, false),
            ]);
            await bot.InvokeKrytenHandlerAsync(0, chat, eventContext, cts.Token);
            await bot.InvokeKrytenHandlerAsync(1, join, eventContext, cts.Token);
            await bot.InvokeKrytenHandlerAsync(2, raw, eventContext, CancellationToken.None);

            bot.ToString().ShouldBe("chat:hi|join:bob@lobby:True|raw:pm");

            // [KrytenHandler] is [Conditional]: dispatch is generated code, nothing is left for reflection.
            assembly.GetType("Demo.Bots.RecordingBot")!
                .GetMethod("OnChat")!
                .GetCustomAttributesData()
                .ShouldNotContain(a => a.AttributeType == typeof(KrytenHandlerAttribute));
            Should.Throw<ArgumentOutOfRangeException>(() => bot.InvokeKrytenHandlerAsync(3, raw, eventContext, CancellationToken.None));
        }
        finally
        {
            context.Unload();
        }
    }
}
