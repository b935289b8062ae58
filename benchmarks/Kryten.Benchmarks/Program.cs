using System.CommandLine;
using Kryten.Benchmarks;

var server = new Option<string?>("--server") { Description = "Use this NATS server instead of starting one on a free loopback port" };

var publishCount = new Option<int>("--publish") { Description = "Messages per publish run", DefaultValueFactory = _ => 2_000_000 };
var pubSubCount = new Option<int>("--pubsub") { Description = "Messages per pub/sub run", DefaultValueFactory = _ => 1_000_000 };
var requestCount = new Option<int>("--requests") { Description = "Sequential requests for latency", DefaultValueFactory = _ => 20_000 };
var nats = new Command("nats", "Kryten.Nats vs the official nats.js client: throughput, latency, allocations") { server, publishCount, pubSubCount, requestCount };
nats.SetAction((parse, _) => NatsComparison.RunAsync(parse.GetValue(server), parse.GetValue(publishCount), parse.GetValue(pubSubCount), parse.GetValue(requestCount)));

var root = new RootCommand("Kryten benchmarks (loopback nats-server; numbers are noisy on a shared machine)") { nats };
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
