using System.CommandLine;
using Kryten.Sdk;
using NATS.Client.Core;

namespace Kryten.Cli;

/// <summary>
/// Runs one command's body and turns what went wrong into one line and an exit code (<see cref="CliExit"/>).
/// Ctrl+C ends a streaming command (tail, watch) normally.
/// </summary>
internal static class CliAction
{
    public static void Set(Command command, CliSettings settings, bool needChannel, Func<KrytenOptions, CliOutput, ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new CliOutput(parse.GetValue(settings.Json), Console.Out, Console.Error);
            try
            {
                var options = settings.Read(parse, needChannel);
                return await body(options, output, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliExit.Ok;
            }
            catch (Exception e) when (ExitCode(e) is { } code)
            {
                output.Error(e.Message);
                return code;
            }
        });

    private static int? ExitCode(Exception e) => e switch
    {
        KrytenConfigurationException or KrytenValidationException or IOException or UnauthorizedAccessException => CliExit.Usage,
        KrytenTimeoutException or KrytenNoRespondersException or KrytenConnectionException or KrytenPublishException => CliExit.Unavailable,
        NatsNoRespondersException or NatsException or TimeoutException => CliExit.Unavailable,
        KrytenException => CliExit.Refused,
        CliFailure failure => failure.ExitCode,
        _ => null,
    };
}

/// <summary>A failure the CLI found itself (a service's refusal, no service answering), with its exit code.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode => exitCode;
}
