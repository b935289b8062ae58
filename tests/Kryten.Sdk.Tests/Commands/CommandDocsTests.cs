using System.Xml.Linq;

namespace Kryten.Sdk.Tests.Commands;

/// <summary>
/// The generated command methods list every exception a caller can meet, in the XML docs shipped with the package,
/// so a bot's catch blocks can be written from IntelliSense alone.
/// </summary>
public sealed class CommandDocsTests
{
    private static readonly XElement[] Methods = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Kryten.Sdk.xml"))
        .Descendants("member")
        .Where(m => ((string)m.Attribute("name")!).StartsWith("M:Kryten.Sdk.KrytenCommands.", StringComparison.Ordinal))
        .ToArray();

    private static string[] Exceptions(XElement method) =>
        method.Elements("exception").Select(e => ((string)e.Attribute("cref")!)["T:Kryten.Sdk.".Length..]).ToArray();

    private static bool Waits(XElement method) => method.Element("returns")!.Value.Contains("reply", StringComparison.Ordinal);

    [Fact]
    public void Methods_that_wait_for_the_bridge_list_every_way_the_command_can_fail()
    {
        var waiting = Methods.Where(Waits).ToArray();
        waiting.Length.ShouldBeGreaterThan(40);
        waiting.ShouldAllBe(m => Exceptions(m).ToHashSet().IsSupersetOf(new[]
        {
            "KrytenCommandException", "KrytenTimeoutException", "KrytenNoRespondersException", "KrytenConnectionException",
            "KrytenValidationException", "KrytenException",
        }));
    }

    [Fact]
    public void Methods_that_only_publish_list_every_way_publishing_can_fail()
    {
        var publishing = Methods.Where(m => !Waits(m)).ToArray();
        publishing.Length.ShouldBeGreaterThan(40);
        publishing.ShouldAllBe(m => Exceptions(m).Contains("KrytenConnectionException") && Exceptions(m).Contains("KrytenValidationException")
            && Exceptions(m).Contains("KrytenException"));
        var say = publishing.Single(m => ((string)m.Attribute("name")!).StartsWith("M:Kryten.Sdk.KrytenCommands.SayAsync(", StringComparison.Ordinal));
        Exceptions(say).ShouldNotContain("KrytenPublishException");   // chat is queued: a publish failure is logged and counted
        say.Element("remarks")!.Value.ShouldContain("returns once the message is queued");
        publishing.Where(m => m != say && !Exceptions(m).Contains("KrytenPublishException"))
            .Select(m => (string)m.Attribute("name")!)
            .ShouldBe(["M:Kryten.Sdk.KrytenCommands.SendPrivateMessageAsync(Kryten.Sdk.IKrytenCommandSender,System.String,System.String,System.String,System.String,System.Threading.CancellationToken)"]);
    }
}
