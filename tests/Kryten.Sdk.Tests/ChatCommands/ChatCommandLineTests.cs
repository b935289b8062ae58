using Kryten.Sdk.ChatCommands;

namespace Kryten.Sdk.Tests.ChatCommands;

/// <summary>Golden cases of docs/chat-commands.md, rule by rule.</summary>
public sealed class ChatCommandLineTests
{
    private static ChatCommandLine Read(string text, string prefix = "!")
    {
        ChatCommandLine.TryRead(text, prefix, out var line, out var error).ShouldBeTrue(error);
        return line!;
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("!")]
    [InlineData("! roll")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?roll")]
    public void Lines_that_are_not_commands(string text)
    {
        ChatCommandLine.TryRead(text, "!", out var line, out var error).ShouldBeFalse();
        line.ShouldBeNull();
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("!roll", "roll", new string[0])]
    [InlineData("  !ROLL 2d6", "ROLL", new[] { "2d6" })]
    [InlineData("!roll   2d6 \t +3 ", "roll", new[] { "2d6", "+3" })]
    [InlineData("!say \"hello world\" now", "say", new[] { "hello world", "now" })]
    [InlineData("!say \"she said \\\"hi\\\"\"", "say", new[] { "she said \"hi\"" })]
    [InlineData("!path \"C:\\\\dir\\x\"", "path", new[] { "C:\\dir\\x" })]
    [InlineData("!empty \"\" x", "empty", new[] { "", "x" })]
    [InlineData("!glued \"a b\"c", "glued", new[] { "a b", "c" })]
    [InlineData("!inner it\"s fine", "inner", new[] { "it\"s", "fine" })]
    [InlineData("!phone \u201Cred wine\u201D beer", "phone", new[] { "red wine", "beer" })]
    [InlineData("!phone \u201Cmixed\" end", "phone", new[] { "mixed", "end" })]
    [InlineData("!nbsp a\u00A0b", "nbsp", new[] { "a", "b" })]
    [InlineData("!ideographic a\u3000b", "ideographic", new[] { "a", "b" })]
    public void Name_and_arguments(string text, string name, string[] arguments)
    {
        var line = Read(text);
        line.Name.ShouldBe(name);
        line.Arguments.ShouldBe(arguments);
    }

    [Theory]
    [InlineData("!family 👨‍👩‍👧 👍🏽 ok", new[] { "👨‍👩‍👧", "👍🏽", "ok" })]
    [InlineData("!accent e\u0301 \u00E9", new[] { "e\u0301", "\u00E9" })]
    [InlineData("!rtl שלום עולם", new[] { "שלום", "עולם" })]
    [InlineData("!arabic \"مرحبا بك\"", new[] { "مرحبا بك" })]
    public void Unicode_passes_through_unsplit_and_unnormalized(string text, string[] arguments) =>
        Read(text).Arguments.ShouldBe(arguments);

    [Fact]
    public void The_rest_is_the_text_as_typed()
    {
        var line = Read("!8ball   will it \"rain\"  today?  ");
        line.Rest(0).ShouldBe("will it \"rain\"  today?");
        line.Rest(2).ShouldBe("\"rain\"  today?");
        line.Rest(4).ShouldBe("");
        line.Rest(9).ShouldBe("");
    }

    [Fact]
    public void A_quote_not_closed_is_a_command_that_cannot_be_read()
    {
        ChatCommandLine.TryRead("!say \"unfinished business", "!", out var line, out var error).ShouldBeFalse();
        line.ShouldBeNull();
        error.ShouldBe("a quote is not closed");
    }

    [Fact]
    public void The_prefix_is_configurable_and_compared_exactly()
    {
        Read("~roll 2", "~").Name.ShouldBe("roll");
        Read("bot: roll 2", "bot: ").Name.ShouldBe("roll");
        ChatCommandLine.TryRead("!roll", "~", out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Commands_are_read_from_the_plain_text_of_CyTube_html()
    {
        var html = "!choose &quot;red wine&quot; <a href=\"https://x.y\" target=\"_blank\">https://x.y</a> &#40;maybe&#41;";
        var line = Read(ChatText.ToPlainText(html));
        line.Arguments.ShouldBe(["red wine", "https://x.y", "(maybe)"]);
    }
}
