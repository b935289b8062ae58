namespace Kryten.Sdk.Tests.Events;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  !ping ", "!ping")]
    [InlineData("!queue <a href=\"https://youtu.be/dQw4w9WgXcQ\" target=\"_blank\" rel=\"noopener noreferrer\">https://youtu.be/dQw4w9WgXcQ</a>", "!queue https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("I &lt;3 it &amp; you &#40;really&#41;, &quot;ok&quot; &#39;fine&#39;", "I <3 it & you (really), \"ok\" 'fine'")]
    [InlineData("<strong>bold</strong> and <span class=\"spoiler\">hidden</span>", "bold and hidden")]
    [InlineData("&gt;implying", ">implying")]
    [InlineData("a < b", "a < b")]
    [InlineData("<img src=\"https://x.y/cat.png\">", "")]
    [InlineData("", "")]
    public void Gives_back_what_the_user_typed(string html, string text) => ChatText.ToPlainText(html).ShouldBe(text);

    [Fact]
    public void Reads_the_contract_catalog_example() =>
        ChatText.ToPlainText("hello <a href=\"https://x.y\" target=\"_blank\" rel=\"noopener noreferrer\">https://x.y</a>").ShouldBe("hello https://x.y");
}
