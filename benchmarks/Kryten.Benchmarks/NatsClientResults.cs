namespace Kryten.Benchmarks;

/// <summary>One client's numbers for the NATS client comparison (allocations are NaN where a runtime cannot tell).</summary>
internal sealed record NatsClientResults(
    string Client,
    double Publish16,
    double Publish256,
    double PubSub16,
    double PubSub256,
    double RequestP50Us,
    double RequestP99Us,
    double BytesPerPublish16,
    double BytesPerPublish256,
    double BytesPerReceive16,
    double BytesPerReceive256);
