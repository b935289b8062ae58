using System.Text;
using System.Text.Json;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Events;

/// <summary>
/// One vector of events.json, with the envelope's payload cut out as raw UTF-8 JSON and the event token of its
/// subject (the last token: channel tokens never contain a dot).
/// </summary>
internal sealed record EventVector(string Name, string CytubeEvent, string SubjectToken, bool InCatalog, byte[] PayloadUtf8, JsonElement Typed)
{
    public const string File = "events.json";

    public static EventVector ByName(string name) => From(ContractVectors.ByName(File, name));

    public static IReadOnlyList<EventVector> All() => ContractVectors.Vectors(File).Select(From).ToList();

    /// <summary>Names of the vectors whose event is in the catalog (typed) or not (raw only), as theory data.</summary>
    public static TheoryDataNames Names(bool inCatalog) => new(All().Where(v => v.InCatalog == inCatalog).Select(v => v.Name));

    private static EventVector From(JsonElement vector)
    {
        var body = Convert.FromBase64String(vector.GetProperty("bytes_base64").GetString()!);
        using var envelope = JsonDocument.Parse(body);
        var payload = Encoding.UTF8.GetBytes(envelope.RootElement.GetProperty("payload").GetRawText());
        return new EventVector(
            vector.GetProperty("name").GetString()!,
            vector.GetProperty("cytube_event").GetString()!,
            vector.GetProperty("subject").GetString()!.Split('.')[^1],
            vector.GetProperty("in_catalog").GetBoolean(),
            payload,
            vector.GetProperty("expect").GetProperty("typed").Clone());
    }
}
