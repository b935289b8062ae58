using System.Globalization;
using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Python;
using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>
/// The tail of CyTube's channel log that <c>readChanLog</c> returns: one <c>[Fri Aug 14 2026 18:20:01] alice joined</c>
/// line per join the recording showed, at most the last 102400 bytes, as CyTube sends. Not thread-safe:
/// <see cref="SimulatedChannel"/> serializes access.
/// </summary>
internal sealed class SimulatedChannelLog(TimeProvider time)
{
    private const int MaxBytes = 102400;

    private readonly StringBuilder _text = new();

    public void Observe(RecordedEvent recorded)
    {
        if (recorded.EventName == "addUser" && recorded.Payload.ValueKind == JsonValueKind.Object
            && recorded.Payload.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            Append(name.GetString() + " joined");
        }
    }

    /// <summary>The <c>readChanLog</c> payload: <c>{success, data}</c>.</summary>
    public void WritePayload(PythonJsonWriter json)
    {
        var text = _text.ToString();
        while (Encoding.UTF8.GetByteCount(text) > MaxBytes) text = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        json.StartObject().Key("success").Bool(true).Key("data").String(text).EndObject();
    }

    private void Append(string line)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _text.Append('[').Append(now.ToString("ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture)).Append("] ").Append(line).Append('\n');
    }
}
