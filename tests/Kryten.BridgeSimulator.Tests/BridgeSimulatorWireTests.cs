using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Commands;
using Kryten.BridgeSimulator.CyTube;
using Kryten.BridgeSimulator.Recording;
using Kryten.Sdk;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.BridgeSimulator.Tests;

/// <summary>The simulator must put on the wire exactly what the real bridge does, or the demo proves nothing.</summary>
public sealed class BridgeSimulatorWireTests
{
    // The commands whose answer the bridge awaits on its own event subject, with the data key and the event.
    private static readonly Dictionary<string, (string Key, string Event)> Awaiting = new()
    {
        ["requestChannelRanks"] = ("ranks", "channelRanks"),
        ["requestBanlist"] = ("banlist", "banlist"),
        ["readChanLog"] = ("log", "readChanLog"),
        ["searchLibrary"] = ("results", "searchResults"),
    };

    private static readonly HashSet<string> SystemCommands = ["system.ping", "system.health", "system.stats"];

    public static TheoryData<string> EventVectors() => ContractVectors.Names("events.json");

    /// <summary>Replies determined by the request (and, for addvideo and unban, by CyTube state the vector shows).</summary>
    public static TheoryData<string> ExactCommandVectors() => CommandVectors(VectorKind.Exact);

    /// <summary>Requests the bridge answers with the envelope of the event CyTube sends back (or times out waiting for it).</summary>
    public static TheoryData<string> AwaitingCommandVectors() => CommandVectors(VectorKind.Awaiting);

    public static TheoryData<string> SystemCommandVectors() => CommandVectors(VectorKind.System);

    /// <summary>CyTube refused, or never answered, for a reason the simulator does not model (permissions, a dead link).</summary>
    public static TheoryData<string> CyTubeDecidedCommandVectors() => CommandVectors(VectorKind.CyTubeDecided);

    /// <summary>Recorded with the sender unavailable or CyTube disconnected; the simulator is always connected.</summary>
    public static TheoryData<string> OtherBridgeStateVectors() => CommandVectors(VectorKind.OtherBridgeState);

    private enum VectorKind
    {
        Exact,
        Awaiting,
        System,
        CyTubeDecided,
        OtherBridgeState,
    }

    private static VectorKind Kind(JsonElement vector)
    {
        var bridge = vector.GetProperty("bridge");
        if (!bridge.GetProperty("commands_enabled").GetBoolean() || !bridge.GetProperty("cytube_connected").GetBoolean())
            return VectorKind.OtherBridgeState;
        var operation = vector.GetProperty("operation").GetString() ?? "";
        if (SystemCommands.Contains(operation)) return VectorKind.System;
        if (Awaiting.ContainsKey(operation) && vector.TryGetProperty("bridge_awaits_subjects", out var awaits) && awaits.GetArrayLength() > 0)
            return VectorKind.Awaiting;
        return vector.GetProperty("scenario").GetString() is "cytube-rejects" or "timeout" ? VectorKind.CyTubeDecided : VectorKind.Exact;
    }

    private static TheoryData<string> CommandVectors(VectorKind kind)
    {
        var names = new TheoryData<string>();
        foreach (var vector in ContractVectors.Vectors("commands.json").Where(v => Kind(v) == kind)) names.Add(vector.GetProperty("name").GetString()!);
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
        KrytenSubjects.EventSubject(KrytenWire.EventSubjectPrefix, root.GetProperty("channel").GetString()!, root.GetProperty("event_name").GetString()!)
            .ShouldBe(vector.GetProperty("subject").GetString());
    }

    [Fact]
    public void Every_robot_command_vector_is_checked_by_one_of_the_command_tests()
    {
        var vectors = ContractVectors.Vectors("commands.json").Where(v => v.GetProperty("subject").GetString() == KrytenWire.CommandSubject).ToList();
        vectors.ShouldNotBeEmpty();
        var checkedCount = new[] { ExactCommandVectors(), AwaitingCommandVectors(), SystemCommandVectors(), CyTubeDecidedCommandVectors(), OtherBridgeStateVectors() }
            .Sum(data => data.Count);
        checkedCount.ShouldBe(vectors.Count);
    }

    [Theory]
    [MemberData(nameof(ExactCommandVectors))]
    public void Command_reply_is_the_robot_handler_reply(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var outcome = ResponderFor(vector, out _).Handle(RequestBytes(vector));

        var reply = vector.GetProperty("reply_bytes_base64");
        if (reply.ValueKind == JsonValueKind.Null) outcome.Reply.ShouldBeNull();
        else Text(outcome.Reply.ShouldNotBeNull()).ShouldBe(Text(Convert.FromBase64String(reply.GetString()!)));
    }

    [Theory]
    [MemberData(nameof(AwaitingCommandVectors))]
    public void Awaiting_command_reply_embeds_the_envelope_the_stand_in_published(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var (key, eventName) = Awaiting[vector.GetProperty("operation").GetString()!];
        var outcome = ResponderFor(vector, out var bridge).Handle(RequestBytes(vector));

        // Always answered: the simulator's CyTube never leaves the bridge waiting for these.
        var published = outcome.Events.ShouldHaveSingleItem();
        published.EventName.ShouldBe(eventName);
        var command = vector.GetProperty("command").GetString()!;
        Text(outcome.Reply.ShouldNotBeNull()).ShouldBe(
            $"{{\"service\": \"robot\", \"command\": \"{command}\", \"success\": true, \"data\": {{\"{key}\": " + Text(published.Envelope) + "}}");
        outcome.ReplyDelay.ShouldBe(TimeSpan.Zero);

        using var envelope = JsonDocument.Parse(published.Envelope);
        envelope.RootElement.GetProperty("channel").GetString().ShouldBe(bridge.Channel);
        envelope.RootElement.GetProperty("domain").GetString().ShouldBe(bridge.Domain);
        var subject = vector.GetProperty("bridge_awaits_subjects")[0].GetString();
        KrytenSubjects.EventSubject(KrytenWire.EventSubjectPrefix, bridge.Channel, eventName).ShouldBe(subject);
        // Where the bridge got an answer, the simulator's answer has the same payload kind.
        if (vector.GetProperty("reply").TryGetProperty("data", out var data))
        {
            envelope.RootElement.GetProperty("payload").ValueKind.ShouldBe(data.GetProperty(key).GetProperty("payload").ValueKind);
            envelope.RootElement.GetProperty("event_name").GetString().ShouldBe(data.GetProperty(key).GetProperty("event_name").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(SystemCommandVectors))]
    public void System_command_reply_has_the_robot_handler_shape(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var outcome = ResponderFor(vector, out _).Handle(RequestBytes(vector));

        using var reply = JsonDocument.Parse(outcome.Reply.ShouldNotBeNull());
        var expected = vector.GetProperty("reply");
        Keys(reply.RootElement).ShouldBe(Keys(expected));
        reply.RootElement.GetProperty("command").GetString().ShouldBe(expected.GetProperty("command").GetString());
        reply.RootElement.GetProperty("success").GetBoolean().ShouldBeTrue();
        // No health server and no Path A subscriber here: the keys the bridge adds only for those are absent.
        var data = reply.RootElement.GetProperty("data");
        Keys(data).ShouldBe(Keys(expected.GetProperty("data")).Where(k => k != "metrics_endpoint" && !k.StartsWith("cytube_commands_", StringComparison.Ordinal)));
        foreach (var property in expected.GetProperty("data").EnumerateObject().Where(p => data.TryGetProperty(p.Name, out _)))
        {
            if (property.Name is "uptime_seconds" or "timestamp" or "commands_processed" or "messages_published" or "bytes_sent")
                data.GetProperty(property.Name).ValueKind.ShouldBe(property.Value.ValueKind, property.Name);
            else data.GetProperty(property.Name).GetRawText().ShouldBe(property.Value.GetRawText(), property.Name);
        }
    }

    [Theory]
    [MemberData(nameof(CyTubeDecidedCommandVectors))]
    public void Command_cytube_decided_gets_the_success_reply_shape(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var outcome = ResponderFor(vector, out _).Handle(RequestBytes(vector));

        using var reply = JsonDocument.Parse(outcome.Reply.ShouldNotBeNull());
        Keys(reply.RootElement).ShouldBe(["service", "command", "success", "data"]);
        reply.RootElement.GetProperty("command").GetString().ShouldBe(vector.GetProperty("command").GetString());
        reply.RootElement.GetProperty("success").GetBoolean().ShouldBeTrue();
        if (vector.GetProperty("reply").TryGetProperty("data", out var expected) && expected.TryGetProperty("success", out _))
            reply.RootElement.GetProperty("data").GetProperty("success").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
    }

    [Theory]
    [MemberData(nameof(OtherBridgeStateVectors))]
    public void Command_recorded_without_sender_or_cytube_succeeds_against_the_always_connected_stand_in(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var outcome = ResponderFor(vector, out _).Handle(RequestBytes(vector));

        // An argument error comes before the sender is used, so it is the same here.
        var expect = vector.GetProperty("expect");
        if (expect.GetProperty("outcome").GetString() == "error" && expect.GetProperty("errorLayer").GetString() == "outer"
            && !IsBridgeStateError(expect.GetProperty("error").GetString()!))
        {
            Text(outcome.Reply.ShouldNotBeNull()).ShouldBe(Text(Convert.FromBase64String(vector.GetProperty("reply_bytes_base64").GetString()!)));
            return;
        }
        using var reply = JsonDocument.Parse(outcome.Reply.ShouldNotBeNull());
        reply.RootElement.GetProperty("service").GetString().ShouldBe("robot");
        reply.RootElement.GetProperty("command").GetString().ShouldBe(vector.GetProperty("command").GetString());
        reply.RootElement.GetProperty("success").GetBoolean().ShouldBeTrue();
        var data = reply.RootElement.GetProperty("data");
        if (data.TryGetProperty("success", out var success)) success.GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Say_is_echoed_as_the_bots_chat_message()
    {
        var responder = Responder(new SimulatedChannel("420Grindhouse", TimeProvider.System));

        var outcome = responder.Handle("""{"command": "say", "service": "robot", "args": {"message": "pong \u2713"}}"""u8);

        var echo = outcome.Events.ShouldHaveSingleItem();
        echo.EventName.ShouldBe("chatMsg");
        using var envelope = JsonDocument.Parse(echo.Envelope);
        var payload = envelope.RootElement.GetProperty("payload");
        payload.GetProperty("username").GetString().ShouldBe("KrytenBot");
        payload.GetProperty("msg").GetString().ShouldBe("pong \u2713");
        payload.GetProperty("time").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Addvideo_queues_after_the_last_item_and_replies_with_its_uid()
    {
        var vector = ContractVectors.ByName("commands.json", "addvideo/success");
        var channel = new SimulatedChannel("420Grindhouse", TimeProvider.System);
        channel.Observe(Recorded("playlist", """[{"media": {"id": "x7tgad0", "title": "t", "seconds": 1, "duration": "00:01", "type": "dm", "meta": {}}, "uid": 41, "temp": false, "queueby": ""}]"""));
        var responder = Responder(channel);

        var outcome = responder.Handle(Convert.FromBase64String(vector.GetProperty("request_bytes_base64").GetString()!));

        Encoding.UTF8.GetString(outcome.Reply!).ShouldBe(Encoding.UTF8.GetString(Convert.FromBase64String(vector.GetProperty("reply_bytes_base64").GetString()!)));
        var queued = outcome.Events.ShouldHaveSingleItem();
        queued.EventName.ShouldBe("queue");
        using var envelope = JsonDocument.Parse(queued.Envelope);
        var payload = envelope.RootElement.GetProperty("payload");
        payload.GetProperty("after").GetInt64().ShouldBe(41);
        payload.GetProperty("item").GetProperty("uid").GetInt64().ShouldBe(42);
        payload.GetProperty("item").GetProperty("media").GetProperty("id").GetString().ShouldBe("dQw4w9WgXcQ");
    }

    [Fact]
    public void Addvideo_of_a_duplicate_fails_like_cytube_with_the_queueFail_text()
    {
        var channel = new SimulatedChannel("420Grindhouse", TimeProvider.System);
        channel.Observe(Recorded("playlist", """[{"media": {"id": "dQw4w9WgXcQ", "title": "t", "seconds": 1, "duration": "00:01", "type": "yt", "meta": {}}, "uid": 17, "temp": true, "queueby": "alice"}]"""));
        var responder = Responder(channel);

        var outcome = responder.Handle("""{"command": "addvideo", "service": "robot", "args": {"type": "yt", "id": "dQw4w9WgXcQ", "pos": "end", "temp": true}}"""u8);

        Encoding.ASCII.GetString(outcome.Reply!).ShouldBe(
            """{"service": "robot", "command": "addvideo", "success": true, "data": {"success": false, "error": "This item is already on the playlist", "queue_fail": {"msg": "This item is already on the playlist", "link": "https://youtu.be/dQw4w9WgXcQ", "id": "dQw4w9WgXcQ"}}}""");
        outcome.Events.ShouldHaveSingleItem().EventName.ShouldBe("queueFail");
    }

    [Fact]
    public void Recorded_session_is_valid_and_drives_the_demo()
    {
        var session = SessionRecording.Load(Path.Combine(RepositoryPaths.Root, "tools", "Kryten.BridgeSimulator", "Data", "session.jsonl"));

        session.Count.ShouldBeGreaterThan(10);
        session.ShouldContain(e => e.EventName == "chatMsg" && e.Payload.GetProperty("msg").GetString() == "!ping");
        session.ShouldContain(e => e.EventName == "addUser");
        session.ShouldContain(e => e.EventName == "chatMsg" && e.Payload.GetProperty("msg").GetString()!.StartsWith("!queue ", StringComparison.Ordinal));
        session.ShouldContain(e => e.EventName == "chatMsg" && e.Payload.GetProperty("msg").GetString()!.StartsWith("!seen ", StringComparison.Ordinal));
    }

    [Fact]
    public void Replayed_chat_is_said_now_so_clients_do_not_take_it_for_backlog()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1796000000123);

        Recorded("chatMsg", """{"username": "alice", "msg": "!ping", "meta": {}, "time": 1786731950510}""").LivePayload(now).GetRawText()
            .ShouldBe("""{"username":"alice","msg":"!ping","meta":{},"time":1796000000123}""");
        Recorded("addUser", """{"name": "bob", "time": 5}""").LivePayload(now).GetRawText().ShouldBe("""{"name": "bob", "time": 5}""");
    }

    private static RecordedEvent Recorded(string name, string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return new RecordedEvent(0, name, doc.RootElement.Clone());
    }

    /// <summary>
    /// A responder configured as the vector's bridge, its simulated CyTube seeded with what the vector shows CyTube
    /// knew: the uid of the item it queued, and the bans the bridge's unban frames name.
    /// </summary>
    private static RobotCommandResponder ResponderFor(JsonElement vector, out BridgeIdentity bridge)
    {
        var config = vector.GetProperty("bridge");
        bridge = new BridgeIdentity(config.GetProperty("domain").GetString()!, config.GetProperty("channel").GetString()!, "KrytenBot");
        var channel = new SimulatedChannel(bridge.Channel, TimeProvider.System);
        // addvideo replies with the uid of the first queue event, so CyTube's next uid is the one the reply shows.
        if (vector.GetProperty("operation").GetString() == "addvideo" && vector.GetProperty("reply").ValueKind == JsonValueKind.Object
            && vector.GetProperty("reply").TryGetProperty("data", out var data) && data.TryGetProperty("uid", out var queued)
            && queued.TryGetInt64(out var uid))
        {
            channel.Observe(Recorded("playlist", $$$"""[{"media": {"id": "seed", "title": "seed", "seconds": 1, "duration": "00:01", "type": "fi", "meta": {}}, "uid": {{{uid - 1}}}, "temp": true, "queueby": ""}]"""));
        }
        var bans = vector.GetProperty("socketio_emits").EnumerateArray()
            .Select(frame => frame.GetString()!)
            .Where(frame => frame.StartsWith("42[\"unban\", ", StringComparison.Ordinal))
            .Select(frame => JsonDocument.Parse(frame[2..]).RootElement[1])
            .Select(unban => $$"""{"id": {{unban.GetProperty("id").GetInt64()}}, "ip": "*", "name": {{unban.GetProperty("name").GetRawText()}}, "reason": "", "bannedby": "mod"}""");
        channel.Observe(Recorded("banlist", "[" + string.Join(", ", bans) + "]"));
        return new RobotCommandResponder(bridge, channel, TimeProvider.System);
    }

    private static bool IsBridgeStateError(string error) =>
        error is "CytubeEventSender not available" or "Not connected or sender not available" or "CytubeConnector not connected"
        || (error.StartsWith("Failed to send ", StringComparison.Ordinal) && error.EndsWith(" request to CyTube", StringComparison.Ordinal));

    private static byte[] RequestBytes(JsonElement vector) => Convert.FromBase64String(vector.GetProperty("request_bytes_base64").GetString()!);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static RobotCommandResponder Responder(SimulatedChannel channel) =>
        new(new BridgeIdentity("cytu.be", "420Grindhouse", "KrytenBot"), channel, TimeProvider.System);
}
