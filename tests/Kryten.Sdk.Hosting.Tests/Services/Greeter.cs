namespace Kryten.Sdk.Hosting.Tests.Services;

/// <summary>
/// The tests' implementation of the generated <see cref="IGreeterService"/>: once the test opens its gate, announces the
/// greeting in chat through the hosted client (so it needs the client still running) and answers.
/// </summary>
public sealed class Greeter(GreeterGate gate, KrytenClient client) : IGreeterService
{
    public async ValueTask<Greeting> SayAsync(string name, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        gate.Entered.TrySetResult();
        await gate.Open.Task.ConfigureAwait(false);
        await client.SayAsync($"greeting {name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Greeting { Text = $"hello {name}" };
    }
}

/// <summary>Lets a test hold a request in flight: <see cref="Entered"/> completes when it arrives, <see cref="Open"/> lets it answer.</summary>
public sealed class GreeterGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
