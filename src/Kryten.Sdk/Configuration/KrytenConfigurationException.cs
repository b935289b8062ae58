namespace Kryten.Sdk;

/// <summary>The options are invalid. <see cref="Problems"/> lists every problem with its path, e.g. <c>nats.servers[0]: the port is out of range (1-65535)</c>.</summary>
/// <example>
/// <code>
/// try { await using var client = new KrytenClient(options); }
/// catch (KrytenConfigurationException e) { foreach (var p in e.Problems) Console.Error.WriteLine(p); }
/// </code>
/// </example>
public sealed class KrytenConfigurationException : KrytenException
{
    /// <summary>Creates the exception from its problems (at least one).</summary>
    /// <param name="problems">Each problem with its path, e.g. <c>channels[0].domain: required</c>.</param>
    /// <example><code>throw new KrytenConfigurationException(["nats.servers: at least one server is required"]);</code></example>
    public KrytenConfigurationException(IReadOnlyList<string> problems)
        : base("Invalid Kryten configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems)) =>
        Problems = problems;

    /// <summary>Each problem as <c>path: what is wrong</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
