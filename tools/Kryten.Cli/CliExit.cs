namespace Kryten.Cli;

/// <summary>The exit codes scripts can rely on (README, "The kryten command line").</summary>
internal static class CliExit
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The bridge or the service answered, and refused (its error is printed).</summary>
    public const int Refused = 1;

    /// <summary>Bad usage: unknown command or option, an argument that breaks a rule, a configuration problem. Nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Nobody answered: NATS unreachable, no bridge or service listening, or the reply timed out.</summary>
    public const int Unavailable = 3;
}
