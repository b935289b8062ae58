using System.Buffers;
using System.Text;
using System.Text.Json;
using Kryten.Sdk.Serialization;
using Kryten.Sdk.Services;

namespace Kryten.Sdk;

/// <summary>
/// The base of generated service clients (<c>{Service}Client</c>): sends a command as the flat request the ecosystem's
/// Python services read (<c>service</c>, <c>command</c>, the arguments at the top level, and <c>meta</c> with this
/// client's service name and a request id), unwraps the reply envelope and reads <c>data</c>. Works on any connected
/// <see cref="KrytenClient"/>, including one without channels.
/// </summary>
/// <example>
/// <code>
/// var moderator = new ModeratorClient(client);
/// var entry = await moderator.GetEntryAsync("420Grindhouse", "BadUser");
/// </code>
/// </example>
public abstract class KrytenServiceClient
{
    /// <summary>Creates the client.</summary>
    /// <param name="client">The Kryten client requests go through.</param>
    /// <param name="service">The service name (its subject token and <c>service</c> key).</param>
    /// <param name="timeout">The default reply wait; null for <see cref="KrytenOptions.CommandTimeout"/>.</param>
    protected KrytenServiceClient(KrytenClient client, string service, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(service);
        Client = client;
        Service = service;
        Subject = KrytenServiceHost.SubjectOf(service);
        Timeout = timeout;
    }

    /// <summary>The Kryten client requests go through.</summary>
    public KrytenClient Client { get; }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The command subject, <c>kryten.{service}.command</c>.</summary>
    public string Subject { get; }

    /// <summary>The default reply wait; null for <see cref="KrytenOptions.CommandTimeout"/>.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Sends <paramref name="command"/> and reads the reply's <c>data</c> with <paramref name="readData"/>.</summary>
    /// <typeparam name="TData">The data type.</typeparam>
    /// <param name="command">The command name.</param>
    /// <param name="args">The arguments (written flat at the top level); null for none.</param>
    /// <param name="readData">Reads the data value (the reader is on its first token; absent data reads as JSON null).</param>
    /// <param name="timeout">The reply wait; null for <see cref="Timeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply's data.</returns>
    /// <exception cref="KrytenServiceException">The service answered without <c>success: true</c>.</exception>
    /// <exception cref="KrytenTimeoutException">No reply arrived in time.</exception>
    /// <exception cref="KrytenNoRespondersException">No instance of the service is running.</exception>
    /// <exception cref="KrytenConnectionException">The client is not connected.</exception>
    /// <exception cref="KrytenException">The reply's data does not fit <typeparamref name="TData"/>.</exception>
    protected async ValueTask<TData> CallAsync<TData>(string command, IKrytenCommandArgs? args, KrytenJsonValueReader<TData> readData, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readData);
        Client.EnsureRunning();
        var wait = timeout ?? Timeout ?? Client.DefaultTimeout;
        byte[] reply;
        try
        {
            reply = await Client.Transport.RequestAsync(Subject, WriteRequest(command, args), wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new KrytenTimeoutException($"{Service} {command}", wait);
        }
        return Read(command, reply, readData);
    }

    private byte[] WriteRequest(string command, IKrytenCommandArgs? args)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(KrytenWire.RequestServiceUtf8, Service);
            writer.WriteString(KrytenWire.RequestCommandUtf8, command);
            args?.WriteProperties(writer);
            writer.WriteStartObject(KrytenWire.RequestMetaUtf8);
            writer.WriteString(KrytenWire.MetaSourceUtf8, Client.SourceName);
            writer.WriteString(KrytenWire.MetaRequestIdUtf8, Guid.NewGuid().ToString());
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private TData Read<TData>(string command, byte[] reply, KrytenJsonValueReader<TData> readData)
    {
        ServiceReply parsed;
        try
        {
            parsed = ServiceReply.Parse(reply);
        }
        catch (JsonException e)
        {
            throw new KrytenServiceException(Service, command, "unreadable reply: " + e.Message, null, null, Encoding.UTF8.GetString(reply));
        }
        if (!parsed.Succeeded)
        {
            throw new KrytenServiceException(Service, command, parsed.Error ?? "no error text", parsed.ErrorCode, parsed.Details, Encoding.UTF8.GetString(reply));
        }
        var data = parsed.DataLength > 0 ? reply.AsSpan(parsed.DataStart, parsed.DataLength) : "null"u8;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            return readData(ref reader);
        }
        catch (JsonException e)
        {
            throw new KrytenException($"The reply of the {Service} service to '{command}' does not fit {typeof(TData).Name}: {e.Message}", e);
        }
    }
}
