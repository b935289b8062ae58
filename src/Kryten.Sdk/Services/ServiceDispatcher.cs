using System.Text;
using System.Text.Json;
using Kryten.Sdk.Diagnostics;
using Kryten.Sdk.Events;
using Kryten.Sdk.Wire;
using Microsoft.Extensions.Logging;

namespace Kryten.Sdk.Services;

/// <summary>
/// Turns one request body into one reply body (services.md §1.2–1.3): checks in the Python services' order (command,
/// then service), routes to the command's handler (or a built-in <c>system.*</c> command the contract does not declare),
/// and maps every failure to an error reply with a code. Never throws for bad input; handles one request at a time per
/// caller, but is safe to call concurrently.
/// </summary>
internal sealed class ServiceDispatcher
{
    private const string InternalErrorText = "Internal error";
    private readonly string _name;
    private readonly KrytenServiceHostOptions _options;
    private readonly Dictionary<string, KrytenServiceHandler> _handlers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _started;
    private long _processed, _failed;

    public ServiceDispatcher(KrytenServiceDefinition definition, KrytenServiceHostOptions options, TimeProvider time, ILogger logger)
    {
        _name = definition.Name;
        _options = options;
        _time = time;
        _logger = logger;
        _started = time.GetUtcNow();
        foreach (var endpoint in definition.Endpoints)
        {
            foreach (var command in endpoint.Aliases.Prepend(endpoint.Command))
            {
                if (!_handlers.TryAdd(command, endpoint.Handler)) throw new ArgumentException($"The command '{command}' of service '{_name}' is declared twice", nameof(definition));
            }
        }
        AddBuiltIn(KrytenWire.ServicePingCommand, data => JsonSerializer.Serialize(data, new ServicePingReply
        {
            Pong = true, Service = _name, Version = _options.Version, UptimeSeconds = Uptime(), Timestamp = KrytenTimestamps.Format(_time.GetUtcNow()),
        }, KrytenJsonContext.Default.ServicePingReply));
        AddBuiltIn(KrytenWire.ServiceHealthCommand, data => JsonSerializer.Serialize(data, new ServiceHealthReply
        {
            Service = _name, Status = "healthy", Version = _options.Version, UptimeSeconds = Uptime(),
        }, KrytenJsonContext.Default.ServiceHealthReply));
        AddBuiltIn(KrytenWire.ServiceStatsCommand, data => JsonSerializer.Serialize(data, new ServiceStatsReply
        {
            Service = _name, Version = _options.Version, UptimeSeconds = Uptime(), CommandsProcessed = Processed, CommandsFailed = Failed,
        }, KrytenJsonContext.Default.ServiceStatsReply));
    }

    /// <summary>Every command name the service answers, declared ones first.</summary>
    public IReadOnlyCollection<string> Commands => _handlers.Keys;

    /// <summary>Requests received (each counted before any check).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Requests answered with an error.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public async ValueTask<byte[]> HandleAsync(string subject, string? replyTo, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _processed);
        var reply = new ServiceReplyWriter();
        ServiceRequest request;
        try
        {
            request = ServiceRequest.Parse(body);
        }
        catch (ServiceRequestException e)
        {
            return Fail(reply, null, e.Message, KrytenWire.ErrorInvalidInput, null);
        }
        if (request.CommandJson is null) return Fail(reply, null, "Missing 'command' field", KrytenWire.ErrorInvalidInput, null);
        if (request.Service is { } service && !Accepts(request.ServiceText))
        {
            var named = request.ServiceText ?? Encoding.UTF8.GetString(service.Span);
            return Fail(reply, null, $"Command intended for '{named}', not '{_name}'", KrytenWire.ErrorWrongService, null);
        }
        var commandText = request.Command ?? Encoding.UTF8.GetString(request.CommandJson.Value.Span);
        if (request.Command is null || !_handlers.TryGetValue(request.Command, out var handler))
        {
            return Fail(reply, request.CommandJson, "Unknown command: " + commandText, KrytenWire.ErrorUnknownCommand, null);
        }
        var call = new KrytenServiceCall(_name, request.Command, subject, replyTo, request.Source, request.RequestId);
        try
        {
            await handler(request.Args, call, reply.BeginSuccess(_name, request.CommandJson), cancellationToken).ConfigureAwait(false);
            return reply.Finish();
        }
        catch (KrytenServiceException e)
        {
            return Fail(reply, request.CommandJson, e.ServiceError, e.ErrorCode ?? KrytenWire.ErrorInternal, e.Details);
        }
        catch (KrytenValidationException e)
        {
            return Fail(reply, request.CommandJson, e.Message, KrytenWire.ErrorInvalidInput, e.ParameterName);
        }
        catch (JsonException e)
        {
            return Fail(reply, request.CommandJson, "Invalid arguments: " + e.Message, KrytenWire.ErrorInvalidInput, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception stays in the log: its text and stack could leak internals to any caller.
            Log.ServiceHandlerFailed(_logger, e, _name, request.Command);
            return Fail(reply, request.CommandJson, InternalErrorText, KrytenWire.ErrorInternal, null);
        }
    }

    private bool Accepts(string? service) =>
        service == _name || (_options.AcceptSystemService && service == KrytenWire.SystemService);

    private byte[] Fail(ServiceReplyWriter reply, ReadOnlyMemory<byte>? command, string error, string code, string? details)
    {
        Interlocked.Increment(ref _failed);
        reply.Error(_name, command, error, code, details);
        return reply.Finish();
    }

    // A contract may declare a system.* command itself (the Python services' contracts do); its handler wins.
    private void AddBuiltIn(string command, Action<Utf8JsonWriter> write) =>
        _handlers.TryAdd(command, (_, _, data, _) =>
        {
            write(data);
            return ValueTask.CompletedTask;
        });

    private double Uptime() => (_time.GetUtcNow() - _started).TotalSeconds;
}
