using System.Text.Json;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Commands;

/// <summary>
/// commands.json through the real client on the in-memory bus: the request it puts on <c>kryten.robot.command</c>
/// equals the vector's request semantically, and the bridge's reply bytes give the vector's outcome.
/// </summary>
public sealed class CommandVectorTests
{
    public static TheoryDataNames Names => ContractVectors.Names("commands.json");

    /// <summary>
    /// Requests a correct client cannot (and must not) produce: kryten-py 0.17.4's broken forms and the routing
    /// probes with a malformed request (no meta, meta without domain, args not an object).
    /// </summary>
    private static bool IsWellFormedRequest(JsonElement request) =>
        request.TryGetProperty("service", out var service) && service.ValueEquals("robot")
        && request.TryGetProperty("meta", out var meta)
        && new[] { "source", "timestamp", "domain", "channel", "request_id" }.All(k => meta.TryGetProperty(k, out _))
        && (!request.TryGetProperty("args", out var args) || args.ValueKind == JsonValueKind.Object);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_request_on_the_wire_equals_the_vector(string name)
    {
        var v = ContractVectors.ByName("commands.json", name);
        var request = v.GetProperty("request");
        if (!IsWellFormedRequest(request))
        {
            v.GetProperty("scenario").GetString().ShouldBeOneOf("kryten-py-broken", "routing");
            if (!v.TryGetProperty("correct_form", out var correct)) return;
            request = correct.GetProperty("request");   // what the SDK sends instead of kryten-py's broken form
        }
        var meta = request.GetProperty("meta");
        var (client, bus) = await StartAsync(meta);
        await using var _ = client;

        var id = await client.SendCommandAsync(CommandFrom(request), TestContext.Current.CancellationToken);

        var sent = bus.Commands.ShouldHaveSingleItem();
        sent.Subject.ShouldBe(v.GetProperty("subject").GetString());
        sent.ExpectsReply.ShouldBeFalse();
        // Every request gets a fresh uuid4 (as kryten-py's): the vector's id is compared in its place.
        id.ShouldBe(sent.RequestId);
        Guid.TryParseExact(id, "D", out var _).ShouldBeTrue(id);
        var sentWithVectorId = sent.Json.Replace(id, meta.GetProperty("request_id").GetString(), StringComparison.Ordinal);
        using var comparable = JsonDocument.Parse(sentWithVectorId);
        JsonSemantics.Equal(comparable.RootElement, request).ShouldBeTrue($"sent {sent.Json}\nwant  {request}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_bridge_reply_gives_the_vector_outcome(string name)
    {
        var v = ContractVectors.ByName("commands.json", name);
        var request = v.GetProperty("request");
        if (!IsWellFormedRequest(request)) return;
        var meta = request.GetProperty("meta");
        var (client, bus) = await StartAsync(meta);
        await using var _ = client;
        var reply = v.GetProperty("reply");
        var replyText = reply.ValueKind == JsonValueKind.Null ? null : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(v.GetProperty("reply_bytes_base64").GetString()!));
        bus.ScriptReply(request.GetProperty("command").GetString()!, replyText);
        var expect = v.GetProperty("expect");
        var command = CommandFrom(request);

        switch (expect.GetProperty("outcome").GetString())
        {
            case "ok":
                var data = await client.SendCommandAndWaitAsync(command, TestJson.Default.JsonElement, cancellationToken: TestContext.Current.CancellationToken);
                if (reply.TryGetProperty("data", out var expected)) JsonSemantics.Equal(data, expected).ShouldBeTrue();
                break;
            case "error":
                var e = await Should.ThrowAsync<KrytenCommandException>(async () =>
                    await client.SendCommandAndWaitAsync(command, TestJson.Default.JsonElement, cancellationToken: TestContext.Current.CancellationToken));
                e.BridgeError.ShouldBe(expect.GetProperty("error").GetString());
                e.Command.ShouldBe(command.Name);
                e.ReplyJson.ShouldBe(replyText);
                break;
            default:
                replyText.ShouldBeNull();
                var t = await Should.ThrowAsync<KrytenTimeoutException>(async () =>
                    await client.SendCommandAndWaitAsync(command, TestJson.Default.JsonElement, TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
                t.Operation.ShouldBe(command.Name);
                break;
        }
        bus.Commands.ShouldHaveSingleItem().ExpectsReply.ShouldBeTrue();
    }

    private static async Task<(KrytenClient, InMemoryKrytenBus)> StartAsync(JsonElement meta)
    {
        var options = TestClients.Options(meta.GetProperty("channel").GetString()!);
        options.Channels[0].Domain = meta.GetProperty("domain").GetString()!;
        options.ServiceName = meta.GetProperty("source").GetString()!;
        var timestamp = DateTimeOffset.Parse(meta.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return await TestClients.StartAsync(options, new FixedTime(timestamp));
    }

    private static KrytenCommand CommandFrom(JsonElement request)
    {
        var name = request.GetProperty("command").GetString()!;
        if (request.TryGetProperty("args", out var args)) return new KrytenCommand(name, new JsonArgs(args));
        var topLevel = JsonSerializer.SerializeToElement(
            request.EnumerateObject().Where(p => p.Name is not ("command" or "service" or "meta")).ToDictionary(p => p.Name, p => p.Value),
            TestJson.Default.DictionaryStringJsonElement);
        return new KrytenCommand(name, new JsonArgs(topLevel), ArgsPlacement: KrytenArgsPlacement.TopLevel);
    }
}

/// <summary>A clock stopped at one instant (only GetUtcNow is used for timestamps; delays use the real timer).</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
