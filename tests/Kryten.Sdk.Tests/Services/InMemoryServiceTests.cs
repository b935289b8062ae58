using System.Text;
using Kryten.Sdk.Testing;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Services;

/// <summary>
/// A generated host and its generated client on the testing package's in-memory bus: a service's tests and a bot's tests
/// need no server. Also the client's side of the envelope: every reply without <c>success: true</c> is a failure.
/// </summary>
public sealed class InMemoryServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_client_method_round_trips_through_the_host_on_a_channel_less_client()
    {
        var (client, _) = await TestClients.StartAsync(TestClients.Options());
        await using var _c = client;
        var notes = new NotesService();
        await using var host = await NotesServiceHost.StartAsync(client, notes, cancellationToken: Ct);
        var caller = new NotesClient(client, TimeSpan.FromSeconds(5));

        (await caller.PutAsync("b", "second", tags: ["x", "y"], cancellationToken: Ct)).ShouldBe(new Note { Key = "b", Text = "second", Pinned = false, Tags = ["x", "y"] }, new NoteComparer());
        await caller.PutAsync("a", "first", pinned: true, cancellationToken: Ct);
        (await caller.GetAsync("a", cancellationToken: Ct)).Text.ShouldBe("first");
        (await caller.FindAsync("zzz", cancellationToken: Ct)).ShouldBeNull();
        (await caller.ListAsync(cancellationToken: Ct)).Select(n => n.Key).ShouldBe(["a", "b"]);
        (await caller.ListAsync(1, cancellationToken: Ct)).Select(n => n.Key).ShouldBe(["a"]);
        await caller.ClearAsync(cancellationToken: Ct);
        (await caller.ListAsync(cancellationToken: Ct)).ShouldBeEmpty();
        (await caller.PingAsync(cancellationToken: Ct)).Service.ShouldBe("notes");
        (await caller.GetHealthAsync(cancellationToken: Ct)).Status.ShouldBe("healthy");
        (await caller.GetStatsAsync(cancellationToken: Ct)).CommandsProcessed.ShouldBe(11);   // this request included

        notes.Calls.ShouldAllBe(c => c.Source == "kryten-sdk-tests" && c.RequestId != null && c.ReplyTo != null);
    }

    [Fact]
    public async Task A_service_error_reaches_the_caller_with_code_text_and_details()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await using var host = await NotesServiceHost.StartAsync(mock.Client, new NotesService(), cancellationToken: Ct);

        var e = await Should.ThrowAsync<KrytenServiceException>(() => new NotesClient(mock.Client).GetAsync("nope", cancellationToken: Ct).AsTask());

        e.ErrorCode.ShouldBe(NotesServiceErrors.RecordNotFound);
        e.ServiceError.ShouldBe("no note 'nope'");
        e.Details.ShouldBe("nope");
        e.Service.ShouldBe("notes");
        e.Command.ShouldBe("note.get");
        e.ShouldBeAssignableTo<KrytenException>();
    }

    [Fact]
    public async Task An_argument_that_breaks_the_contract_is_refused_before_anything_is_sent()
    {
        await using var mock = await MockKrytenClient.StartAsync();

        var e = Should.Throw<KrytenValidationException>(() => new NotesClient(mock.Client).ListAsync(0, cancellationToken: Ct));

        e.ParameterName.ShouldBe("limit");
        mock.Bus.Published.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"error": "Invalid JSON"}""", "Invalid JSON", null)]
    [InlineData("""{"error": "Internal error"}""", "Internal error", null)]
    [InlineData("""{"service": "notes", "success": false, "error": "Missing 'command' field"}""", "Missing 'command' field", null)]
    [InlineData("""{"service": "notes", "command": "note.get", "success": false, "error": "gone", "error_code": "RECORD_NOT_FOUND"}""", "gone", "RECORD_NOT_FOUND")]
    [InlineData("""{"service": "notes", "command": "note.get", "data": {"key": "a", "text": "t", "pinned": false}}""", "no error text", null)]
    [InlineData("""{"service": "notes", "command": "note.get", "success": "true", "data": {}}""", "no error text", null)]
    [InlineData("""[1]""", "unreadable reply: the reply is not a JSON object", null)]
    public async Task A_reply_without_success_true_is_a_failure(string reply, string error, string? code)
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await using var standIn = await StandInAsync(mock, reply);

        var e = await Should.ThrowAsync<KrytenServiceException>(() => new NotesClient(mock.Client).GetAsync("a", cancellationToken: Ct).AsTask());

        e.ServiceError.ShouldBe(error);
        e.ErrorCode.ShouldBe(code);
        e.ReplyJson.ShouldBe(reply);
    }

    [Fact]
    public async Task Data_that_does_not_fit_the_reply_type_is_a_kryten_exception()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await using var standIn = await StandInAsync(mock, """{"success": true, "data": [1, 2]}""");

        var e = await Should.ThrowAsync<KrytenException>(() => new NotesClient(mock.Client).GetAsync("a", cancellationToken: Ct).AsTask());

        e.ShouldNotBeOfType<KrytenServiceException>();
        e.Message.ShouldContain("does not fit Note");
    }

    [Fact]
    public async Task No_running_service_is_a_no_responders_exception()
    {
        await using var mock = await MockKrytenClient.StartAsync();

        await Should.ThrowAsync<KrytenNoRespondersException>(() => new NotesClient(mock.Client).ClearAsync(cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_timeout_naming_service_and_command()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await using var silent = await mock.Client.SubscribeAsync("kryten.notes.command", (_, _) => default, Ct);

        var e = await Should.ThrowAsync<KrytenTimeoutException>(() => new NotesClient(mock.Client, TimeSpan.FromMilliseconds(100)).ClearAsync(cancellationToken: Ct).AsTask());

        e.Operation.ShouldBe("notes note.clear");
        e.Timeout.ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Three_instances_in_the_queue_group_answer_each_request_once()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        var instances = Enumerable.Range(0, 3).Select(_ => new NotesService()).ToList();
        var hosts = new List<KrytenServiceHost>();
        foreach (var instance in instances) hosts.Add(await NotesServiceHost.StartAsync(mock.Client, instance, cancellationToken: Ct));
        var caller = new NotesClient(mock.Client);

        for (var i = 0; i < 30; i++) await caller.FindAsync("k" + i, cancellationToken: Ct);
        await mock.Bus.DrainAsync(Ct);

        instances.Sum(s => s.Calls.Count).ShouldBe(30);
        hosts.Sum(h => h.CommandsProcessed).ShouldBe(30);
        foreach (var host in hosts) await host.DisposeAsync();
    }

    private static ValueTask<IAsyncDisposable> StandInAsync(MockKrytenClient mock, string reply) =>
        mock.Client.SubscribeAsync("kryten.notes.command", (message, ct) =>
            mock.Client.PublishAsync(message.ReplyTo!, Encoding.UTF8.GetBytes(reply), ct), Ct);

    private sealed class NoteComparer : IEqualityComparer<Note>
    {
        public bool Equals(Note? x, Note? y) => x!.Key == y!.Key && x.Text == y.Text && x.Pinned == y.Pinned && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(Note obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
