using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Samples.StateWatch;

/// <summary>
/// Writes one JSON line per state change: <c>{"channel", "part", "data"}</c>, <c>part</c> one of <c>playlist</c>,
/// <c>current</c>, <c>users</c>, <c>emotes</c>, <c>motd</c>, <c>css</c>, <c>js</c>, and <c>data</c> that part written
/// with the generated JSON metadata (CyTube's field names; the MOTD, CSS and JS as strings). A part that is no longer
/// there, or could not be read, has <c>"data": null</c>; why goes to the error stream.
/// </summary>
internal sealed class StateLineWriter(Stream output)
{
    // Lines are read by people and tools, never embedded in HTML: keep <, > and non-ASCII text readable.
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly object _gate = new();

    /// <summary>
    /// Writes the channel's state once it is loaded (one line per part that exists), then one line per change, until
    /// <paramref name="cancellationToken"/> is cancelled or the client stops.
    /// </summary>
    public static async Task WatchAsync(KrytenChannelState state, StateLineWriter lines, TextWriter problems, CancellationToken cancellationToken)
    {
        // A part that was never there and still is not (e.g. its bucket appeared but not its key) is not a change to show.
        var shown = new HashSet<KrytenStatePart>();
        try
        {
            await foreach (var change in state.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!change.Value.IsPresent) problems.WriteLine($"{state.Channel}: {change.Value}");
                if (change.Value.IsPresent) shown.Add(change.Part);
                else if (!shown.Remove(change.Part)) continue;
                lines.Write(change);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGINT/SIGTERM.
        }
        catch (KrytenStateException e)
        {
            problems.WriteLine(e.Message);   // the client stopped before the first load
        }
    }

    public void Write(KrytenStateChange change)
    {
        lock (_gate)
        {
            _json.Reset();
            _json.WriteStartObject();
            _json.WriteString("channel", change.Channel);
            _json.WriteString("part", PartName(change.Part));
            _json.WritePropertyName("data");
            WriteData(change.Snapshot, change.Part);
            _json.WriteEndObject();
            _json.Flush();
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }

    private void WriteData(KrytenStateSnapshot state, KrytenStatePart part)
    {
        switch (part)
        {
            case KrytenStatePart.Playlist when state.Playlist.TryGetValue(out var items):
                WriteArray(items, KrytenJsonContext.Default.PlaylistItem);
                break;
            case KrytenStatePart.Current when state.Current.TryGetValue(out var media):
                JsonSerializer.Serialize(_json, media, KrytenJsonContext.Default.MediaChanged);
                break;
            case KrytenStatePart.Users when state.Users.TryGetValue(out var users):
                WriteArray(users, KrytenJsonContext.Default.ChannelUser);
                break;
            case KrytenStatePart.Emotes when state.Emotes.TryGetValue(out var emotes):
                WriteArray(emotes, KrytenJsonContext.Default.Emote);
                break;
            case KrytenStatePart.Motd or KrytenStatePart.Css or KrytenStatePart.Js when ((KrytenStateValue<string>)state[part]).TryGetValue(out var text):
                _json.WriteStringValue(text);
                break;
            default:
                _json.WriteNullValue();
                break;
        }
    }

    private void WriteArray<T>(IReadOnlyList<T> items, JsonTypeInfo<T> info)
    {
        _json.WriteStartArray();
        foreach (var item in items) JsonSerializer.Serialize(_json, item, info);
        _json.WriteEndArray();
    }

    private static string PartName(KrytenStatePart part) => part switch
    {
        KrytenStatePart.Playlist => "playlist",
        KrytenStatePart.Current => "current",
        KrytenStatePart.Users => "users",
        KrytenStatePart.Emotes => "emotes",
        KrytenStatePart.Motd => "motd",
        KrytenStatePart.Css => "css",
        _ => "js",
    };
}
