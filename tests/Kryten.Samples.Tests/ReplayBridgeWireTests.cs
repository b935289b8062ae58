using System.Text;
using System.Text.Json;
using Kryten.Samples.ReplayBridge;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>The stand-in must put on the wire exactly what the real bridge does, or the demo proves nothing.</summary>
public sealed class ReplayBridgeWireTests
{
    private static readonly HashSet<string> SimulatedOperations = ["say", "pm", "clear", "shuffle", "pause", "play", "voteskip", "playNext"];

    public static TheoryData<string> EventVectors() => ContractVectors.Names("events.json");

    public static TheoryData<string> CommandVectors()
    {
        var names = new TheoryData<string>();
        foreach (var v in ContractVectors.Vectors("commands.json"))
        {
            var bridge = v.GetProperty("bridge");
            if (!bridge.GetProperty("commands_enabled").GetBoolean() || !bridge.GetProperty("cytube_connected").GetBoolean()) continue;
            var scenario = v.GetProperty("scenario").GetString();
            var operation = v.GetProperty("operation").GetString();
            var replies = v.GetProperty("expect").GetProperty("replies").GetBoolean();
            var simulated = operation is not null && SimulatedOperations.Contains(operation) && scenario != "kryten-py-broken";
            if (simulated || scenario == "routing" || (scenario == "kryten-py-broken" && !replies)) names.Add(v.GetProperty("name").GetString()!);
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(EventVectors))]
    public void Envelope_and_subject_are_the_bridge_bytes(string name)
    {
        var vector = ContractVectors.ByName("events.json", name);
        var expected = Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!);
        using var sent = JsonDocument.Parse(expected);
        var root = sent.RootElement;

        var built = BridgeEnvelope.Build(
            root.GetProperty("event_name").GetString()!,
            root.GetProperty("payload"),
            root.GetProperty("channel").GetString()!,
            root.GetProperty("domain").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Guid.Parse(root.GetProperty("correlation_id").GetString()!));

        Encoding.UTF8.GetString(built).ShouldBe(Encoding.UTF8.GetString(expected));
        SubjectToken.EventSubject(root.GetProperty("channel").GetString()!, root.GetProperty("event_name").GetString()!)
            .ShouldBe(vector.GetProperty("subject").GetString());
    }

    [Theory]
    [MemberData(nameof(CommandVectors))]
    public void Command_reply_is_the_robot_handler_reply(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var bridge = vector.GetProperty("bridge");
        var responder = new RobotCommandResponder(
            bridge.GetProperty("domain").GetString()!, bridge.GetProperty("channel").GetString()!, "KrytenBot",
            new SimulatedPlaylist(), TimeProvider.System);

        var outcome = responder.Handle(Convert.FromBase64String(vector.GetProperty("request_bytes_base64").GetString()!));

        var reply = vector.GetProperty("reply_bytes_base64");
        if (reply.ValueKind == JsonValueKind.Null) outcome.Reply.ShouldBeNull();
        else Encoding.UTF8.GetString(outcome.Reply.ShouldNotBeNull()).ShouldBe(Encoding.UTF8.GetString(Convert.FromBase64String(reply.GetString()!)));
    }

    [Fact]
    public void Say_is_echoed_as_the_bots_chat_message()
    {
        var responder = new RobotCommandResponder("cytu.be", "420Grindhouse", "KrytenBot", new SimulatedPlaylist(), TimeProvider.System);

        var outcome = responder.Handle("""{"command": "say", "service": "robot", "args": {"message": "pong \u2713"}}"""u8);

        var echo = outcome.Events.ShouldHaveSingleItem();
        echo.EventName.ShouldBe("chatMsg");
        using var payload = JsonDocument.Parse(Write(echo.WritePayload));
        payload.RootElement.GetProperty("username").GetString().ShouldBe("KrytenBot");
        payload.RootElement.GetProperty("msg").GetString().ShouldBe("pong \u2713");
        payload.RootElement.GetProperty("time").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Addvideo_queues_after_the_last_item_and_replies_with_its_uid()
    {
        var vector = ContractVectors.ByName("commands.json", "addvideo/success");
        var playlist = new SimulatedPlaylist();
        playlist.Observe(Recorded("playlist", """[{"media": {"id": "x7tgad0", "title": "t", "seconds": 1, "duration": "00:01", "type": "dm", "meta": {}}, "uid": 41, "temp": false, "queueby": ""}]"""));
        var responder = new RobotCommandResponder("cytu.be", "420Grindhouse", "KrytenBot", playlist, TimeProvider.System);

        var outcome = responder.Handle(Convert.FromBase64String(vector.GetProperty("request_bytes_base64").GetString()!));

        Encoding.UTF8.GetString(outcome.Reply!).ShouldBe(Encoding.UTF8.GetString(Convert.FromBase64String(vector.GetProperty("reply_bytes_base64").GetString()!)));
        var queued = outcome.Events.ShouldHaveSingleItem();
        queued.EventName.ShouldBe("queue");
        using var payload = JsonDocument.Parse(Write(queued.WritePayload));
        payload.RootElement.GetProperty("after").GetInt64().ShouldBe(41);
        payload.RootElement.GetProperty("item").GetProperty("uid").GetInt64().ShouldBe(42);
        payload.RootElement.GetProperty("item").GetProperty("media").GetProperty("id").GetString().ShouldBe("dQw4w9WgXcQ");
    }

    [Fact]
    public void Addvideo_of_a_duplicate_fails_like_cytube_with_the_queueFail_text()
    {
        var playlist = new SimulatedPlaylist();
        playlist.Observe(Recorded("playlist", """[{"media": {"id": "dQw4w9WgXcQ", "title": "t", "seconds": 1, "duration": "00:01", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}]"""));
        var responder = new RobotCommandResponder("cytu.be", "420Grindhouse", "KrytenBot", playlist, TimeProvider.System);

        var outcome = responder.Handle("""{"command": "addvideo", "service": "robot", "args": {"type": "yt", "id": "dQw4w9WgXcQ", "pos": "end", "temp": true}}"""u8);

        Encoding.ASCII.GetString(outcome.Reply!).ShouldBe(
            """{"service": "robot", "command": "addvideo", "success": true, "data": {"success": false, "error": "This item is already on the playlist", "queue_fail": {"msg": "This item is already on the playlist", "link": "https://youtu.be/dQw4w9WgXcQ", "id": "dQw4w9WgXcQ"}}}""");
        outcome.Events.ShouldHaveSingleItem().EventName.ShouldBe("queueFail");
    }

    [Fact]
    public void Recorded_session_is_valid_and_drives_the_demo()
    {
        var session = SessionRecording.Load(Path.Combine(RepositoryPaths.Root, "samples", "ReplayBridge", "Data", "session.jsonl"));

        session.Count.ShouldBeGreaterThan(10);
        session.ShouldContain(e => e.EventName == "chatMsg" && e.Payload.GetProperty("msg").GetString() == "!ping");
        session.ShouldContain(e => e.EventName == "addUser");
        session.ShouldContain(e => e.EventName == "chatMsg" && e.Payload.GetProperty("msg").GetString()!.StartsWith("!queue ", StringComparison.Ordinal));
    }

    private static RecordedEvent Recorded(string name, string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return new RecordedEvent(0, name, doc.RootElement.Clone());
    }

    private static string Write(Action<PythonJsonWriter> write)
    {
        var json = new PythonJsonWriter();
        write(json);
        return json.ToString();
    }
}
