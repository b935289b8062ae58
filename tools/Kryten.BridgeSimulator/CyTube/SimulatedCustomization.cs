using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kryten.BridgeSimulator.Recording;

namespace Kryten.BridgeSimulator.CyTube;

/// <summary>
/// The channel's custom CSS and JS, learned from the recorded <c>channelCSSJS</c> and changed by
/// <c>setChannelCSS</c>/<c>setChannelJS</c>: CyTube truncates to 20000 characters and broadcasts
/// <c>{css, cssHash, js, jsHash}</c> only when something changed. Not thread-safe: <see cref="SimulatedChannel"/>
/// serializes access.
/// </summary>
internal sealed class SimulatedCustomization
{
    private const int MaxLength = 20000;

    private string _css = "";
    private string _js = "";

    public void Observe(RecordedEvent recorded)
    {
        if (recorded.EventName != "channelCSSJS" || recorded.Payload.ValueKind != JsonValueKind.Object) return;
        if (recorded.Payload.TryGetProperty("css", out var css) && css.ValueKind == JsonValueKind.String) _css = css.GetString()!;
        if (recorded.Payload.TryGetProperty("js", out var js) && js.ValueKind == JsonValueKind.String) _js = js.GetString()!;
    }

    public CyTubeEvent? SetCss(string css) => Set(ref _css, css);

    public CyTubeEvent? SetJs(string js) => Set(ref _js, js);

    private CyTubeEvent? Set(ref string field, string value)
    {
        if (value.Length > MaxLength) value = value[..MaxLength];
        if (field == value) return null;
        field = value;
        var (css, js) = (_css, _js);
        return new CyTubeEvent("channelCSSJS", json => json.StartObject()
            .Key("css").String(css).Key("cssHash").String(Hash(css))
            .Key("js").String(js).Key("jsHash").String(Hash(js))
            .EndObject());
    }

    // CyTube's change detector, base64 MD5 of the UTF-8 text; a content hash, not a security measure.
#pragma warning disable CA5351
    private static string Hash(string text) => Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
