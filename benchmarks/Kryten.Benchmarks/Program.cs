using System.CommandLine;
using Kryten.Benchmarks;
using Kryten.Tests.Infrastructure;

var root = new RootCommand("Kryten benchmarks against a loopback nats-server (numbers are noisy on a shared machine)")
{
    NatsCommand(),
    DispatchCommand(),
    SoakCommand(),
    PipelineCommand(),
    ChatCommandsCommand(),
    AotBotCommand(),
    ServicesCommand(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

static Option<string?> ServerOption() => new("--server") { Description = "Use this NATS server instead of starting one on a free loopback port" };

// Runs the measurement against the given server, or against a nats-server started (and stopped) for it.
static async Task<int> WithServerAsync(string? serverUrl, Func<string, Task<int>> run)
{
    await using var server = serverUrl is null ? await NatsServerProcess.StartAsync().ConfigureAwait(false) : null;
    var url = serverUrl ?? server!.Url;
    Console.WriteLine($"nats-server {url}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
    return await run(url).ConfigureAwait(false);
}

static Command NatsCommand()
{
    var server = ServerOption();
    var publish = new Option<int>("--publish") { Description = "Messages per publish run", DefaultValueFactory = _ => 2_000_000 };
    var pubSub = new Option<int>("--pubsub") { Description = "Messages per pub/sub run", DefaultValueFactory = _ => 1_000_000 };
    var requests = new Option<int>("--requests") { Description = "Sequential requests for latency", DefaultValueFactory = _ => 20_000 };
    var command = new Command("nats", "NATS.Net (the client the SDK ships on) vs the official nats.js client: throughput, latency, allocations") { server, publish, pubSub, requests };
    command.SetAction(parse => WithServerAsync(parse.GetValue(server), url =>
        NatsComparison.RunAsync(url, parse.GetValue(publish), parse.GetValue(pubSub), parse.GetValue(requests))));
    return command;
}

static Command DispatchCommand()
{
    var server = ServerOption();
    var events = new Option<int>("--events") { Description = "chatMsg envelopes per consumer and round", DefaultValueFactory = _ => 100_000 };
    var commands = new Option<int>("--commands") { Description = "Fire-and-forget commands for publish latency", DefaultValueFactory = _ => 20_000 };
    var rounds = new Option<int>("--rounds") { Description = "Measured rounds (each feeds every consumer in turn; the target is judged on the median paired ratio)", DefaultValueFactory = _ => 24 };
    var warmup = new Option<int>("--warmup") { Description = "Unmeasured rounds first, for the JIT", DefaultValueFactory = _ => 6 };
    var command = new Command("dispatch", "SDK typed dispatch vs a raw NATS.Net subscription and a hand-written NATS.Net + System.Text.Json consumer; command publish latency")
    {
        server, events, commands, rounds, warmup,
    };
    command.SetAction(parse => WithServerAsync(parse.GetValue(server), url =>
        new DispatchBenchmark(url, parse.GetValue(events), parse.GetValue(commands), parse.GetValue(rounds), parse.GetValue(warmup)).RunAsync()));
    return command;
}

static Command SoakCommand()
{
    var server = ServerOption();
    var seconds = new Option<int>("--seconds") { Description = "Soak duration after a 10 s warm-up", DefaultValueFactory = _ => 300 };
    var rate = new Option<int>("--rate") { Description = "Events per second", DefaultValueFactory = _ => 10_000 };
    var command = new Command("soak", "Bounded soak at a fixed event rate; working set at start and end") { server, seconds, rate };
    command.SetAction(parse => WithServerAsync(parse.GetValue(server), url =>
        new SoakBenchmark(url, TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(rate)).RunAsync()));
    return command;
}

static Command PipelineCommand()
{
    var events = new Option<int>("--events") { Description = "chatMsg envelopes per round", DefaultValueFactory = _ => 200_000 };
    var rounds = new Option<int>("--rounds") { Description = "Rounds per handler kind (the median is judged, the best shown)", DefaultValueFactory = _ => 15 };
    var handlers = new Option<string[]>("--handler") { Description = "Handler kinds to measure: none, typed, raw", DefaultValueFactory = _ => ["none", "typed", "raw"] };
    handlers.AcceptOnlyFromAmong("none", "typed", "raw");
    var command = new Command("pipeline", "The SDK's own per-event cost (envelope, record, dispatch) without NATS, on one thread") { events, rounds, handlers };
    command.SetAction(parse => new PipelineBenchmark(parse.GetValue(events), parse.GetValue(rounds), parse.GetValue(handlers)!).RunAsync());
    return command;
}

static Command ChatCommandsCommand()
{
    var events = new Option<int>("--events") { Description = "chat lines per round", DefaultValueFactory = _ => 200_000 };
    var rounds = new Option<int>("--rounds") { Description = "Rounds per kind of line (the median is shown, and the best)", DefaultValueFactory = _ => 15 };
    var command = new Command("chat-commands", "What routing one chat line through a generated chat command set costs (no match / a command with two arguments), without NATS") { events, rounds };
    command.SetAction(parse => new ChatCommandBenchmark(parse.GetValue(events), parse.GetValue(rounds)).RunAsync());
    return command;
}

static Command AotBotCommand()
{
    var server = ServerOption();
    var binary = new Option<string>("--binary")
    {
        Description = "The NativeAOT EchoBot (bash samples/aot-publish.sh EchoBot)",
        DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "artifacts", "aot", "EchoBot", "EchoBot"),
    };
    var runs = new Option<int>("--runs") { Description = "Fresh bot processes to start", DefaultValueFactory = _ => 10 };
    var command = new Command("aot-bot", "The NativeAOT EchoBot: binary size, spawn-to-connected time, resident memory once connected") { server, binary, runs };
    command.SetAction(parse => WithServerAsync(parse.GetValue(server), url =>
        new AotBotBenchmark(url, parse.GetValue(binary)!, parse.GetValue(runs)).RunAsync()));
    return command;
}

static Command ServicesCommand()
{
    var server = ServerOption();
    var requests = new Option<int>("--requests") { Description = "Sequential requests per row", DefaultValueFactory = _ => 20_000 };
    var warmup = new Option<int>("--warmup") { Description = "Unmeasured requests first, for the JIT", DefaultValueFactory = _ => 2_000 };
    var command = new Command("services", "Service request/reply latency: generated client and host vs raw NATS.Net with hand-written JSON") { server, requests, warmup };
    command.SetAction(parse => WithServerAsync(parse.GetValue(server), url =>
        new ServiceBenchmark(url, parse.GetValue(requests), parse.GetValue(warmup)).RunAsync()));
    return command;
}
