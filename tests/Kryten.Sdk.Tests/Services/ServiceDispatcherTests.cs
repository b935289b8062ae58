using System.Text;
using System.Text.Json;
using Kryten.Sdk.Services;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kryten.Sdk.Tests.Services;

/// <summary>
/// The host's request → reply step on its own (no bus): the envelope of services.md §1.3 byte for byte, the checks in
/// the Python services' order, and an error reply with a code for every bad input.
/// </summary>
public sealed class ServiceDispatcherTests
{
    private readonly NotesService _notes = new();

    private ServiceDispatcher Dispatcher(KrytenServiceHostOptions? options = null) =>
        new(NotesServiceHost.Definition(_notes), options ?? new KrytenServiceHostOptions { Version = "1.2.3" }, TimeProvider.System, NullLogger.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Reply(string request, ServiceDispatcher? dispatcher = null) =>
        Encoding.UTF8.GetString(await (dispatcher ?? Dispatcher()).HandleAsync("kryten.notes.command", "_INBOX.1", Encoding.UTF8.GetBytes(request), Ct));

    [Fact]
    public async Task Success_reply_has_service_command_success_data_in_order()
    {
        var reply = await Reply("""{"service": "notes", "command": "note.put", "key": "a", "text": "hi"}""");

        reply.ShouldBe("""{"service":"notes","command":"note.put","success":true,"data":{"key":"a","text":"hi","pinned":false,"tags":[]}}""");
    }

    [Fact]
    public async Task Arguments_are_read_flat_or_from_an_args_object_and_unknown_keys_are_ignored()
    {
        await Reply("""{"command": "note.put", "key": "a", "text": "flat", "extra": [1, {"x": 2}]}""");
        (await Reply("""{"command": "note.get", "key": "a"}""")).ShouldContain("\"text\":\"flat\"");

        await Reply("""{"command": "note.put", "args": {"key": "b", "text": "nested", "pinned": true}, "meta": {"source": "py", "request_id": "r-1"}}""");

        (await Reply("""{"command": "note.get", "key": "b"}""")).ShouldContain("\"pinned\":true");
        var call = _notes.Calls.Single(c => c.RequestId == "r-1");
        call.ShouldBe(new KrytenServiceCall("notes", "note.put", "kryten.notes.command", "_INBOX.1", "py", "r-1"));
    }

    [Fact]
    public async Task An_alias_reaches_the_command_and_is_echoed_as_sent()
    {
        var reply = await Reply("""{"command": "note.set", "key": "a", "text": "hi"}""");

        reply.ShouldStartWith("""{"service":"notes","command":"note.set","success":true,""");
        _notes.Calls.Single().Command.ShouldBe("note.set");
    }

    [Fact]
    public async Task Array_null_and_absent_data_are_written_as_the_contract_says()
    {
        await Reply("""{"command": "note.put", "key": "b", "text": "2"}""");
        await Reply("""{"command": "note.put", "key": "a", "text": "1", "pinned": true}""");

        (await Reply("""{"command": "note.list", "limit": 1}""")).ShouldBe("""{"service":"notes","command":"note.list","success":true,"data":[{"key":"a","text":"1","pinned":true,"tags":[]}]}""");
        (await Reply("""{"command": "note.find", "key": "zzz"}""")).ShouldBe("""{"service":"notes","command":"note.find","success":true,"data":null}""");
        (await Reply("""{"command": "note.clear"}""")).ShouldBe("""{"service":"notes","command":"note.clear","success":true,"data":null}""");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"command\": \"note.get\"")]
    [InlineData("{\"command\": \"note.get\"} trailing")]
    public async Task Malformed_json_is_an_invalid_input_reply_without_command(string body) =>
        (await Reply(body)).ShouldBe("""{"service":"notes","success":false,"error":"Invalid JSON","error_code":"INVALID_INPUT"}""");

    [Fact]
    public async Task A_body_that_is_not_utf8_is_an_invalid_input_reply()
    {
        var reply = await Dispatcher().HandleAsync("kryten.notes.command", null, new byte[] { 0xff, 0xfe }, Ct);

        Encoding.UTF8.GetString(reply).ShouldBe("""{"service":"notes","success":false,"error":"Invalid JSON","error_code":"INVALID_INPUT"}""");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_is_an_invalid_input_reply(string body) =>
        (await Reply(body)).ShouldBe("""{"service":"notes","success":false,"error":"Request must be a JSON object","error_code":"INVALID_INPUT"}""");

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"command\": null}")]
    [InlineData("{\"command\": \"\"}")]
    [InlineData("{\"command\": false}")]
    [InlineData("{\"command\": 0}")]
    [InlineData("{\"command\": []}")]
    [InlineData("{\"command\": {}, \"service\": \"moderator\"}")]
    public async Task A_missing_or_falsy_command_is_checked_before_the_service(string body) =>
        (await Reply(body)).ShouldBe("""{"service":"notes","success":false,"error":"Missing 'command' field","error_code":"INVALID_INPUT"}""");

    [Theory]
    [InlineData("\"moderator\"", "moderator")]
    [InlineData("\"system\"", "system")]
    [InlineData("5", "5")]
    public async Task Another_service_key_is_a_wrong_service_reply_without_command(string service, string named) =>
        (await Reply($$"""{"command": "note.get", "service": {{service}}, "key": "a"}"""))
            .ShouldBe($$"""{"service":"notes","success":false,"error":"Command intended for '{{named}}', not 'notes'","error_code":"WRONG_SERVICE"}""");

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"notes\"")]
    public async Task The_own_name_or_a_falsy_service_key_is_accepted(string service) =>
        (await Reply($$"""{"command": "note.find", "service": {{service}}, "key": "a"}""")).ShouldContain("\"success\":true");

    [Fact]
    public async Task The_system_service_key_is_accepted_when_the_option_says_so()
    {
        var dispatcher = Dispatcher(new KrytenServiceHostOptions { AcceptSystemService = true });

        (await Reply("""{"service": "system", "command": "system.ping"}""", dispatcher)).ShouldContain("\"pong\":true");
    }

    [Theory]
    [InlineData("\"note.GET\"", "note.GET")]
    [InlineData("\"nope\"", "nope")]
    [InlineData("5", "5")]
    [InlineData("[\"note.get\"]", "[\"note.get\"]")]
    public async Task An_unknown_command_is_echoed_as_received(string command, string text)
    {
        var reply = await Reply($$"""{"command": {{command}}}""");

        using var json = JsonDocument.Parse(reply);
        reply.ShouldStartWith($$"""{"service":"notes","command":{{command}},"success":false,""");
        json.RootElement.GetProperty("error").GetString().ShouldBe("Unknown command: " + text);
        json.RootElement.GetProperty("error_code").GetString().ShouldBe("UNKNOWN_COMMAND");
    }

    [Theory]
    [InlineData("""{"command": "note.get"}""", "'key' is required.", "key")]
    [InlineData("""{"command": "note.get", "key": null}""", "'key' is required.", "key")]
    [InlineData("""{"command": "note.get", "key": ""}""", "'key' must not be empty.", "key")]
    [InlineData("""{"command": "note.put", "key": "abcdefghijklmnopqrstuvwxyz", "text": "t"}""", "'key' must have at most 20 characters.", "key")]
    [InlineData("""{"command": "note.list", "limit": 99}""", "'limit' must be within [1, 50].", "limit")]
    public async Task Arguments_that_break_the_contract_are_invalid_input_with_the_argument_in_details(string request, string error, string argument) =>
        (await Reply(request)).ShouldEndWith($$""","success":false,"error":"{{error}}","error_code":"INVALID_INPUT","details":"{{argument}}"}""");

    [Theory]
    [InlineData("""{"command": "note.get", "key": 5}""")]
    [InlineData("""{"command": "note.list", "limit": "10"}""")]
    [InlineData("""{"command": "note.list", "limit": 1.5}""")]
    [InlineData("""{"command": "note.put", "key": "a", "text": "t", "tags": "x"}""")]
    public async Task Arguments_of_the_wrong_json_type_are_invalid_input(string request)
    {
        using var json = JsonDocument.Parse(await Reply(request));

        json.RootElement.GetProperty("success").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("error").GetString()!.ShouldStartWith("Invalid arguments: ");
        json.RootElement.GetProperty("error_code").GetString().ShouldBe("INVALID_INPUT");
    }

    [Fact]
    public async Task A_service_exception_becomes_its_code_text_and_details() =>
        (await Reply("""{"command": "note.get", "key": "nope"}"""))
            .ShouldBe("""{"service":"notes","command":"note.get","success":false,"error":"no note 'nope'","error_code":"RECORD_NOT_FOUND","details":"nope"}""");

    [Fact]
    public async Task An_unexpected_exception_is_an_internal_error_without_its_text_or_stack() =>
        (await Reply("""{"command": "note.explode"}"""))
            .ShouldBe("""{"service":"notes","command":"note.explode","success":false,"error":"Internal error","error_code":"INTERNAL_ERROR"}""");

    [Fact]
    public async Task Built_in_system_commands_answer_with_name_version_uptime_and_counters()
    {
        var dispatcher = Dispatcher();
        await Reply("nope", dispatcher);

        using var ping = JsonDocument.Parse(await Reply("""{"command": "system.ping"}""", dispatcher));
        using var health = JsonDocument.Parse(await Reply("""{"command": "system.health"}""", dispatcher));
        using var stats = JsonDocument.Parse(await Reply("""{"command": "system.stats"}""", dispatcher));

        var pong = ping.RootElement.GetProperty("data");
        pong.EnumerateObject().Select(p => p.Name).ShouldBe(["pong", "service", "version", "uptime_seconds", "timestamp"]);
        pong.GetProperty("version").GetString().ShouldBe("1.2.3");
        DateTimeOffset.Parse(pong.GetProperty("timestamp").GetString()!).Offset.ShouldBe(TimeSpan.Zero);
        health.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name).ShouldBe(["service", "status", "version", "uptime_seconds"]);
        health.RootElement.GetProperty("data").GetProperty("status").GetString().ShouldBe("healthy");
        var counters = stats.RootElement.GetProperty("data");
        counters.GetProperty("commands_processed").GetInt64().ShouldBe(4);
        counters.GetProperty("commands_failed").GetInt64().ShouldBe(1);
        dispatcher.Processed.ShouldBe(4);
    }

    [Fact]
    public void A_command_declared_twice_is_refused()
    {
        KrytenServiceHandler handler = (_, _, data, _) => { data.WriteNullValue(); return default; };
        var definition = new KrytenServiceDefinition("dup", [new KrytenServiceEndpoint("a", ["b"], handler), new KrytenServiceEndpoint("b", [], handler)]);

        Should.Throw<ArgumentException>(() => new ServiceDispatcher(definition, new KrytenServiceHostOptions(), TimeProvider.System, NullLogger.Instance));
    }
}
