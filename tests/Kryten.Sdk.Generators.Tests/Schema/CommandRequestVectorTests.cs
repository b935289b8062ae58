using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Kryten.Sdk.Generators.Schema.Binding;
using Kryten.Sdk.Generators.Schema.Model;
using Kryten.Sdk.Generators.Schema.Parsing;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>
/// Calls the SDK's generated command methods with the values of every working request in commands.json
/// (success vectors and the correct forms of kryten-py's broken ones) and checks that the request carries the
/// same command string and the same args the bridge reads.
/// </summary>
public sealed class CommandRequestVectorTests
{
    private static readonly Dictionary<string, CommandModel> Commands = LoadCommands();

    public static TheoryDataNames WorkingRequests { get; } = new(
        ContractVectors.Vectors("commands.json")
            .Where(v => Request(v) is { } request && Commands.TryGetValue(request.GetProperty("command").GetString()!, out var c) && !c.IsQuery)
            .Select(v => v.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(WorkingRequests))]
    public async Task Generated_method_sends_the_bridge_request(string name)
    {
        var request = Request(ContractVectors.ByName("commands.json", name))!.Value;
        var model = Commands[request.GetProperty("command").GetString()!];
        var expectedArgs = request.TryGetProperty("args", out var a) ? a : default;
        var method = typeof(KrytenCommands).GetMethod(model.Method + "Async", BindingFlags.Public | BindingFlags.Static)!;
        var sender = new RecordingCommandSender();

        var arguments = method.GetParameters().Select(p => p.Name switch
        {
            "sender" => sender,
            "cancellationToken" => CancellationToken.None,
            "channel" or "domain" => null,
            _ => Value(p, model.Args.Single(arg => arg.Name == p.Name), expectedArgs),
        }).ToArray();
        await (ValueTask<string>)method.Invoke(null, arguments)!;

        var sent = sender.Sent.ShouldHaveSingleItem();
        sent.Name.ShouldBe(model.Command);
        sent.ArgsPlacement.ShouldBe(KrytenArgsPlacement.Args);
        using var written = JsonDocument.Parse(RecordingCommandSender.ArgsJson(sent));
        if (expectedArgs.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in expectedArgs.EnumerateObject())
            {
                written.RootElement.TryGetProperty(property.Name, out var value).ShouldBeTrue($"'{property.Name}' not sent");
                Normalize(value).ShouldBe(Normalize(property.Value), property.Name);
            }
        }
    }

    [Fact]
    public async Task Validation_rejects_before_sending()
    {
        var sender = new RecordingCommandSender();

        var chat = await Should.ThrowAsync<KrytenValidationException>(async () => await sender.SayAsync("", cancellationToken: TestContext.Current.CancellationToken));
        var media = await Should.ThrowAsync<KrytenValidationException>(async () => await sender.AddVideoAsync("zz", "id", cancellationToken: TestContext.Current.CancellationToken));
        var css = await Should.ThrowAsync<KrytenValidationException>(async () => await sender.SetChannelCssAsync(new string('é', 10241), cancellationToken: TestContext.Current.CancellationToken));
        var delay = await Should.ThrowAsync<KrytenValidationException>(async () => await sender.ShutdownAsync(delaySeconds: 301, cancellationToken: TestContext.Current.CancellationToken));
        var empty = await Should.ThrowAsync<KrytenValidationException>(async () => await sender.NewPollAsync("q", [], cancellationToken: TestContext.Current.CancellationToken));

        (chat.ParameterName, chat.Rule).ShouldBe(("message", "notEmpty"));
        (media.ParameterName, media.Rule).ShouldBe(("type", "enum"));
        (css.ParameterName, css.Rule).ShouldBe(("css", "maxBytes"));
        (delay.ParameterName, delay.Rule).ShouldBe(("delaySeconds", "range"));
        (empty.ParameterName, empty.Rule).ShouldBe(("options", "notEmpty"));
        sender.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task Queries_put_their_keys_at_the_top_level()
    {
        var sender = new RecordingCommandSender("""{"user": null, "profile": null}""");

        var reply = await sender.GetUserAsync("alice", cancellationToken: TestContext.Current.CancellationToken);

        reply.User.ShouldBeNull();
        var sent = sender.Sent.ShouldHaveSingleItem();
        (sent.Name, sent.ArgsPlacement).ShouldBe(("state.user", KrytenArgsPlacement.TopLevel));
        RecordingCommandSender.ArgsJson(sent).ShouldBe("""{"username":"alice"}""");
    }

    private static JsonElement? Request(JsonElement vector)
    {
        if (vector.GetProperty("scenario").GetString() == "success" && vector.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object)
        {
            return request;
        }

        return vector.TryGetProperty("correct_form", out var correct) && correct.ValueKind == JsonValueKind.Object ? correct.GetProperty("request") : null;
    }

    private static object? Value(ParameterInfo parameter, ArgModel arg, JsonElement args)
    {
        if (args.ValueKind != JsonValueKind.Object || !args.TryGetProperty(arg.Json, out var value))
        {
            parameter.HasDefaultValue.ShouldBeTrue($"the vector lacks required '{arg.Json}'");
            return parameter.DefaultValue;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type switch
        {
            _ when type == typeof(string) => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
            _ when type == typeof(bool) => value.GetBoolean(),
            _ when type == typeof(int) => value.GetInt32(),
            _ when type == typeof(long) => value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64(),
            _ when type == typeof(double) => value.GetDouble(),
            _ when type == typeof(IReadOnlyList<string>) => value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
            _ when type == typeof(IReadOnlyDictionary<string, JsonElement>) => value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
            _ when type == typeof(IReadOnlyDictionary<string, double>) => value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()),
            _ => throw new InvalidOperationException($"no conversion to {type}"),
        };
    }

    /// <summary>Numbers and strings compare by value (escaping may differ), everything else by its JSON text.</summary>
    private static string Normalize(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(value.GetString()),
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().Select(p => p.Name + ":" + Normalize(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Normalize)) + "]",
        _ => value.GetRawText(),
    };

    private static Dictionary<string, CommandModel> LoadCommands()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "schema"), "*.yaml", SearchOption.AllDirectories)
            .Select(path => SchemaFileParser.Parse(path, File.ReadAllText(path), CancellationToken.None));
        return SchemaBinder.Bind([.. files], new GeneratorOptions(Sdk: true, "Kryten.Sdk"), CancellationToken.None)
            .Commands.ToDictionary(c => c.Command, StringComparer.Ordinal);
    }
}
