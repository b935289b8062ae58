using System.CommandLine;
using System.Text.RegularExpressions;
using Kryten.Sdk;
using Kryten.Sdk.Testing;
using Shouldly;
using Xunit;

namespace Kryten.Cli.Tests;

/// <summary>The generated command catalogue and the subcommands made from it.</summary>
public sealed partial class CommandCatalogTests
{
    [Fact]
    public void Every_command_and_query_of_the_schema_is_in_the_catalogue_and_a_subcommand()
    {
        var schema = Path.Combine(RepositoryRoot(), "schema");
        var wireNames = Directory.GetFiles(Path.Combine(schema, "commands"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(schema, "queries"), "*.yaml"))
            .SelectMany(f => CommandLine().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        wireNames.Count.ShouldBeGreaterThan(40);

        KrytenCommandCatalog.All.Select(c => c.Command).ToHashSet().SetEquals(wireNames).ShouldBeTrue();
        var subcommands = CatalogCommands.Create(new CliSettings()).Select(c => c.Name).ToList();
        subcommands.ShouldContain("add-video");
        subcommands.ShouldContain("say");
        subcommands.ShouldContain("send-private-message");
        subcommands.Count.ShouldBe(KrytenCommandCatalog.All.Count);
        subcommands.Distinct().Count().ShouldBe(subcommands.Count);
    }

    [Fact]
    public void Required_arguments_are_positional_and_optional_ones_are_options()
    {
        var addVideo = CatalogCommands.Create(new CliSettings()).Single(c => c.Name == "add-video");

        addVideo.Arguments.Select(a => a.Name).ShouldBe(["type", "id"]);
        addVideo.Options.Select(o => o.Name).ShouldContain("--position");
        addVideo.Options.Select(o => o.Name).ShouldContain("--temporary");
    }

    [Fact]
    public async Task Invoking_an_entry_sends_the_same_command_as_the_generated_method()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var addVideo = KrytenCommandCatalog.All.Single(c => c.Method == "AddVideo");
        var args = new KrytenCommandArguments(new Dictionary<string, IReadOnlyList<string>>
        {
            ["type"] = ["yt"],
            ["id"] = ["dQw4w9WgXcQ"],
            ["temporary"] = ["false"],
        });

        var pending = addVideo.InvokeAsync(mock.Client, args, null, null, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var sent = await mock.Bus.WaitForCommandAsync("addvideo");
        await pending;

        sent.Args.GetProperty("id").GetString().ShouldBe("dQw4w9WgXcQ");
        sent.Args.GetProperty("pos").GetString().ShouldBe("end");   // the schema's default
        sent.Args.GetProperty("temp").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_required_argument_is_a_validation_error_and_nothing_is_sent()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var say = KrytenCommandCatalog.All.Single(c => c.Command == "say");

        var error = await Should.ThrowAsync<KrytenValidationException>(async () =>
            await say.InvokeAsync(mock.Client, new KrytenCommandArguments(new Dictionary<string, IReadOnlyList<string>>()), null, null, null, TestContext.Current.CancellationToken));

        error.ParameterName.ShouldBe("message");
        error.Rule.ShouldBe("required");
        mock.Commands.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("permissions", """{"chat": 1.5, "kick": 2}""", true)]
    [InlineData("permissions", """{"chat": "high"}""", false)]
    [InlineData("permissions", "[1, 2]", false)]
    [InlineData("permissions", "not json", false)]
    public void Number_maps_accept_only_objects_of_numbers(string name, string text, bool valid)
    {
        var args = new KrytenCommandArguments(new Dictionary<string, IReadOnlyList<string>> { [name] = [text] });

        if (valid)
        {
            args.NumberMap(name)!["chat"].ShouldBe(1.5);
        }
        else
        {
            Should.Throw<KrytenValidationException>(() => args.NumberMap(name)).Rule.ShouldBe("type");
        }
    }

    [Theory]
    [InlineData("12", 12L)]
    [InlineData("-3", -3L)]
    public void Integers_are_read_invariant(string text, long expected) =>
        new KrytenCommandArguments(new Dictionary<string, IReadOnlyList<string>> { ["uid"] = [text] }).Int64("uid").ShouldBe(expected);

    [Theory]
    [InlineData("1.5")]
    [InlineData("1,000")]
    [InlineData("")]
    public void Text_that_is_not_an_integer_is_a_type_error(string text) =>
        Should.Throw<KrytenValidationException>(() => new KrytenCommandArguments(new Dictionary<string, IReadOnlyList<string>> { ["uid"] = [text] }).Int64("uid"));

    [GeneratedRegex(@"command: ([A-Za-z.]+)")]
    private static partial Regex CommandLine();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kryten.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Kryten.Sdk.sln above {AppContext.BaseDirectory}");
    }
}
