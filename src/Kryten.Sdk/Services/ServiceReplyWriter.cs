using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kryten.Sdk.Services;

/// <summary>
/// Writes the reply envelope of services.md §1.3 with exactly its keys, in its order: <c>service</c>,
/// <c>command</c> (left out when the request had none), <c>success</c>, then <c>data</c> or <c>error</c> followed by
/// Kryten.Sdk's <c>error_code</c> and optional <c>details</c>.
/// </summary>
internal sealed class ServiceReplyWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    // Python's json.dumps leaves quotes and HTML characters alone; only what JSON requires is escaped.
    public ServiceReplyWriter() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Starts a success reply; the caller writes the data value to <see cref="Data"/>, then calls <see cref="Finish"/>.</summary>
    public Utf8JsonWriter BeginSuccess(string service, ReadOnlyMemory<byte>? command)
    {
        Start(service, command);
        _writer.WriteBoolean(KrytenWire.ReplySuccessUtf8, true);
        _writer.WritePropertyName(KrytenWire.ReplyDataUtf8);
        return _writer;
    }

    /// <summary>The writer of the data value, between <see cref="BeginSuccess"/> and <see cref="Finish"/>.</summary>
    public Utf8JsonWriter Data => _writer;

    /// <summary>Writes a whole error reply.</summary>
    public void Error(string service, ReadOnlyMemory<byte>? command, string error, string errorCode, string? details)
    {
        Start(service, command);
        _writer.WriteBoolean(KrytenWire.ReplySuccessUtf8, false);
        _writer.WriteString(KrytenWire.ReplyErrorUtf8, error);
        _writer.WriteString(KrytenWire.ReplyErrorCodeUtf8, errorCode);
        if (details is not null) _writer.WriteString(KrytenWire.ReplyDetailsUtf8, details);
    }

    /// <summary>Closes the envelope and returns its bytes.</summary>
    public byte[] Finish()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private void Start(string service, ReadOnlyMemory<byte>? command)
    {
        // Also discards a success reply a failing handler had begun.
        _writer.Reset();
        _buffer.ResetWrittenCount();
        _writer.WriteStartObject();
        _writer.WriteString(KrytenWire.ReplyServiceUtf8, service);
        if (command is { } raw)
        {
            _writer.WritePropertyName(KrytenWire.ReplyCommandUtf8);
            _writer.WriteRawValue(raw.Span, skipInputValidation: true);
        }
    }
}
