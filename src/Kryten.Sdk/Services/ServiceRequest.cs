using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Kryten.Sdk.Services;

/// <summary>
/// One request to a service, read as the ecosystem's Python services read it (services.md §1.2): <c>command</c> and
/// <c>service</c> at the top level, arguments flat at the top level, or inside an <c>args</c> object for callers that
/// follow kryten-py's documented form; <c>meta.source</c> and <c>meta.request_id</c> when present. Python's truthiness
/// decides "missing": absent, null, false, 0, "", [] and {}.
/// </summary>
/// <param name="Command">The command when it is a string; null when missing or not a string.</param>
/// <param name="CommandJson">The raw JSON of a truthy command (echoed in replies); null when missing.</param>
/// <param name="Service">The raw JSON of a truthy <c>service</c> value; null when falsy or absent.</param>
/// <param name="ServiceText">The <c>service</c> value when it is a string.</param>
/// <param name="Args">The arguments object: the <c>args</c> object when there is one, else the whole request.</param>
/// <param name="Source">The caller's <c>meta.source</c>.</param>
/// <param name="RequestId">The caller's <c>meta.request_id</c>.</param>
internal sealed record ServiceRequest(string? Command, ReadOnlyMemory<byte>? CommandJson, ReadOnlyMemory<byte>? Service, string? ServiceText, ReadOnlyMemory<byte> Args, string? Source, string? RequestId)
{
    /// <summary>Reads <paramref name="body"/>; throws <see cref="ServiceRequestException"/> when it is not a UTF-8 JSON object.</summary>
    public static ServiceRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span)) throw new ServiceRequestException(ServiceRequestException.InvalidJson);
        try
        {
            return Read(body);
        }
        catch (JsonException)
        {
            throw new ServiceRequestException(ServiceRequestException.InvalidJson);
        }
    }

    private static ServiceRequest Read(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span);
        if (!reader.Read()) throw new ServiceRequestException(ServiceRequestException.InvalidJson);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            while (reader.Read()) { }
            throw new ServiceRequestException(ServiceRequestException.NotAnObject);
        }
        string? command = null, serviceText = null, source = null, requestId = null;
        ReadOnlyMemory<byte>? commandJson = null, service = null, args = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueSpan;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var kind = reader.TokenType;
            var text = kind == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            var value = body[start..(int)reader.BytesConsumed];
            if (key.SequenceEqual(KrytenWire.RequestCommandUtf8))
            {
                command = text;
                commandJson = Truthy(kind, value) ? value : (ReadOnlyMemory<byte>?)null;
            }
            else if (key.SequenceEqual(KrytenWire.RequestServiceUtf8))
            {
                serviceText = text;
                service = Truthy(kind, value) ? value : (ReadOnlyMemory<byte>?)null;
            }
            else if (key.SequenceEqual(KrytenWire.RequestArgsUtf8) && kind == JsonTokenType.StartObject)
            {
                args = value;
            }
            else if (key.SequenceEqual(KrytenWire.RequestMetaUtf8) && kind == JsonTokenType.StartObject)
            {
                (source, requestId) = ReadMeta(value.Span);
            }
        }
        while (reader.Read()) { }
        return new ServiceRequest(commandJson is null ? null : command, commandJson, service, serviceText, args ?? body, source, requestId);
    }

    private static (string? Source, string? RequestId) ReadMeta(ReadOnlySpan<byte> meta)
    {
        var reader = new Utf8JsonReader(meta);
        reader.Read();
        string? source = null, requestId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSource = reader.ValueTextEquals(KrytenWire.MetaSourceUtf8);
            var isRequestId = reader.ValueTextEquals(KrytenWire.MetaRequestIdUtf8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                if (isSource) source = reader.GetString();
                else if (isRequestId) requestId = reader.GetString();
            }
            reader.Skip();
        }
        return (source, requestId);
    }

    // Python's bool(): null, false, 0, "", [] and {} are false.
    private static bool Truthy(JsonTokenType kind, ReadOnlyMemory<byte> value) => kind switch
    {
        JsonTokenType.Null or JsonTokenType.False => false,
        JsonTokenType.String => value.Length > 2,
        JsonTokenType.Number => double.TryParse(Encoding.UTF8.GetString(value.Span), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n != 0,
        JsonTokenType.StartArray or JsonTokenType.StartObject => HasContent(value.Span),
        _ => true,
    };

    private static bool HasContent(ReadOnlySpan<byte> container)
    {
        var reader = new Utf8JsonReader(container);
        reader.Read();
        return reader.Read() && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject);
    }
}

/// <summary>The request body cannot be served: not UTF-8 JSON, or not an object.</summary>
/// <param name="error">The error text sent back.</param>
internal sealed class ServiceRequestException(string error) : Exception(error)
{
    public const string InvalidJson = "Invalid JSON";
    public const string NotAnObject = "Request must be a JSON object";
}
