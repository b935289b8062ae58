using Kryten.Sdk.Generators.ChatCommands;
using Kryten.Sdk.Generators.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.ChatCommands;

/// <summary>Snapshots of the emitted command sets, and proof that they compile cleanly.</summary>
public sealed class ChatCommandEmitTests
{
    private const string EveryType = """
        namespace Demo.Bots
        {
            public enum Unit { Seconds, Minutes, HOURS }

            public readonly record struct Point(int X, int Y) : IParsable<Point>
            {
                public static Point Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var p) ? p : throw new FormatException();

                public static bool TryParse(string? s, IFormatProvider? provider, out Point result)
                {
                    var parts = s?.Split(',');
                    result = default;
                    if (parts is not { Length: 2 } || !int.TryParse(parts[0], out var x) || !int.TryParse(parts[1], out var y)) return false;
                    result = new Point(x, y);
                    return true;
                }
            }

            public partial class ToolBot
            {
                /// <summary>Adds <paramref name="a"/> and <c>b</c> &amp; says the sum.</summary>
                [ChatCommand("add", Aliases = new[] { "plus", "sum" })]
                public Task Add(ChatCommandContext ctx, int a, long b = 2L) => Task.CompletedTask;

                [ChatCommand("scale", From = ChatCommandSources.PrivateMessage, AllowSlash = true), RequireRank(1.5), Cooldown(2.5, Per = CooldownScope.Channel)]
                public ValueTask Scale(double factor, bool round = true, CancellationToken cancellationToken = default) => default;

                [ChatCommand("wait", Channel = "Lounge \"Test\"", Domain = "cytu.be")]
                internal Task Wait(ChatCommandContext ctx, TimeSpan duration, Unit unit = Unit.Minutes) => Task.CompletedTask;

                [ChatCommand("go", From = ChatCommandSources.Chat)]
                private ValueTask Go(Point to, Unit unit, string? label = null, [Remainder] string note = "") => default;

                [ChatCommand("say"), Cooldown(10)]
                public Task Say(ChatCommandContext ctx, string first, [Remainder] string rest, CancellationToken ct) => Task.CompletedTask;
            }
        }
        """;

    private const string Nested = """
        namespace Demo.Bots
        {
            public partial class Outer
            {
                internal partial record Inner<TState>
                {
                    [ChatCommand("ping")]
                    public Task Ping(ChatCommandContext ctx) => Task.CompletedTask;
                }
            }
        }

        partial class GlobalBot
        {
            [ChatCommand("pong")]
            public virtual Task Pong() => Task.CompletedTask;
        }
        """;

    [Fact]
    public void Emits_every_parameter_type_and_attribute()
    {
        var output = Run(GeneratorInput.Empty.WithSource("ToolBot.cs", ChatCommandSources.File(EveryType)));

        output.GeneratedSources.Select(f => f.HintName).ShouldBe(["Demo.Bots.ToolBot.KrytenChatCommands.g.cs"]);
        Snapshot.Verify(output);
    }

    [Fact]
    public void Emits_nested_generic_record_and_global_namespace_classes()
    {
        var output = Run(GeneratorInput.Empty.WithSource("Nested.cs", ChatCommandSources.File(Nested)));

        output.GeneratedSources.Select(f => f.HintName).ShouldBe(["Demo.Bots.Outer.Inner_1.KrytenChatCommands.g.cs", "GlobalBot.KrytenChatCommands.g.cs"]);
        Snapshot.Verify(output);
    }

    [Fact]
    public void Broken_user_code_yields_diagnostics_not_exceptions()
    {
        var broken = ChatCommandSources.File("public partial class Broken { [ChatCommand(\"x\")] public Task X(int a, ) => ; [ChatCommand] Task }");
        GeneratorRunner.Run(GeneratorInput.Empty.WithSource("Broken.cs", broken), new ChatCommandGenerator()).GeneratorExceptions.ShouldBeEmpty();
    }

    private static GeneratorRunOutput Run(GeneratorInput input) =>
        GeneratorRunner.Run(input, new ChatCommandGenerator()).ShouldCompileCleanly();
}
