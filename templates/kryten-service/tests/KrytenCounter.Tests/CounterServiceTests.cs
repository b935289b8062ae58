using Kryten.Sdk;
using Kryten.Sdk.Testing;
using Xunit;

namespace KrytenCounter.Tests;

/// <summary>
/// The service through its generated host and generated client on the testing package's in-memory bus: the requests
/// and replies are the ones a caller on NATS sends and gets.
/// </summary>
public sealed class CounterServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_and_get_round_trip_through_the_generated_client()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await using var host = await CounterServiceHost.StartAsync(mock.Client, new CounterService(), cancellationToken: Ct);
        var counter = new CounterClient(mock.Client);

        Assert.Equal(1, (await counter.AddAsync("visits", cancellationToken: Ct)).Value);
        Assert.Equal(6, (await counter.AddAsync("visits", by: 5, cancellationToken: Ct)).Value);
        var read = await counter.GetAsync("visits", cancellationToken: Ct);

        Assert.Equal("visits", read.Name);
        Assert.Equal(6, read.Value);
    }

    [Fact]
    public async Task An_unknown_counter_is_the_contracts_error_code()
    {
        await using var mock = await MockKrytenClient.StartAsync();
        await using var host = await CounterServiceHost.StartAsync(mock.Client, new CounterService(), cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<KrytenServiceException>(() => new CounterClient(mock.Client).GetAsync("nope", cancellationToken: Ct).AsTask());

        Assert.Equal(CounterServiceErrors.UnknownCounter, e.ErrorCode);
        Assert.Equal("no counter 'nope'", e.ServiceError);
    }

    [Fact]
    public async Task An_argument_that_breaks_the_contract_is_refused_before_anything_is_sent()
    {
        await using var mock = await MockKrytenClient.StartAsync();

        var e = Assert.Throws<KrytenValidationException>(() => new CounterClient(mock.Client).AddAsync("visits", by: 0, cancellationToken: Ct));

        Assert.Equal("by", e.ParameterName);
        Assert.Empty(mock.Bus.Published);
    }
}
