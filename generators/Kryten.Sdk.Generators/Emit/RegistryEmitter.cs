using System.Collections.Generic;
using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>Emits <c>KrytenEventRegistry</c>: CyTube name ↔ subject token ↔ record type, and switch-based parsing.</summary>
internal static class RegistryEmitter
{
    public static string HintName(RegistryModel model) => $"{model.Namespace}.KrytenEventRegistry.g.cs";

    public static string Emit(RegistryModel model)
    {
        var p = $"global::{model.Namespace}.{Names.PrimitivesClass}";
        var visibility = model.Public ? "public" : "internal";
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Every event of the schema: its CyTube name, its normalized NATS subject token and its record type,");
        w.WriteLine("/// with lookups by name or token and a reflection-free parser from a UTF-8 payload.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>");
        w.WriteLine("/// if (KrytenEventRegistry.TryParse(envelopeEventName, payloadUtf8, out var evt)) { /* typed record */ }");
        w.WriteLine("/// </code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"{visibility} static partial class KrytenEventRegistry");
        w.OpenBlock();
        w.WriteLine("/// <summary>All events, ordered by CyTube name.</summary>");
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Names.KrytenEventInfo}> All {{ get; }} = new {Names.KrytenEventInfo}[]");
        w.OpenBlock();
        foreach (var e in model.Entries)
        {
            w.WriteLine($"new({Names.Literal(e.Cytube)}, {Names.Literal(e.SubjectToken)}, typeof(global::{model.Namespace}.{e.Record})),");
        }

        w.CloseBlock(";");
        w.WriteLine();
        w.WriteLine("/// <summary>Finds an event by its CyTube name (case-sensitive, as in the envelope's <c>event_name</c>).</summary>");
        w.WriteLine("/// <param name=\"cytubeEventName\">The CyTube event name.</param>");
        w.WriteLine("/// <param name=\"info\">The event, when known.</param>");
        w.WriteLine("/// <returns>Whether the event is known.</returns>");
        w.WriteLine($"public static bool TryGetByName(string cytubeEventName, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {Names.KrytenEventInfo}? info)");
        w.OpenBlock();
        w.WriteLine("info = cytubeEventName switch");
        w.OpenBlock();
        for (var i = 0; i < model.Entries.Count; i++)
        {
            w.WriteLine($"{Names.Literal(model.Entries[i].Cytube)} => All[{i}],");
        }

        w.WriteLine("_ => null,");
        w.CloseBlock(";");
        w.WriteLine("return info is not null;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Finds an event by the last token of its NATS subject (lowercased, normalized).</summary>");
        w.WriteLine("/// <param name=\"subjectToken\">The subject token, e.g. <c>chatmsg</c>.</param>");
        w.WriteLine("/// <param name=\"info\">The event, when known.</param>");
        w.WriteLine("/// <returns>Whether the token is known.</returns>");
        w.WriteLine($"public static bool TryGetBySubjectToken(string subjectToken, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {Names.KrytenEventInfo}? info)");
        w.OpenBlock();
        w.WriteLine("info = subjectToken switch");
        w.OpenBlock();
        var seen = new HashSet<string>();
        for (var i = 0; i < model.Entries.Count; i++)
        {
            if (seen.Add(model.Entries[i].SubjectToken))
            {
                w.WriteLine($"{Names.Literal(model.Entries[i].SubjectToken)} => All[{i}],");
            }
        }

        w.WriteLine("_ => null,");
        w.CloseBlock(";");
        w.WriteLine("return info is not null;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Parses an event payload into its record.</summary>");
        w.WriteLine("/// <param name=\"eventName\">The CyTube event name.</param>");
        w.WriteLine("/// <param name=\"payloadJson\">The payload as UTF-8 JSON.</param>");
        w.WriteLine("/// <param name=\"evt\">The typed record, when the event is known.</param>");
        w.WriteLine("/// <returns>False when the event has no record (a raw-only event); then <paramref name=\"evt\"/> is null.</returns>");
        w.WriteLine($"/// <exception cref=\"{Names.JsonException}\">The event is known but the payload does not fit its schema.</exception>");
        w.WriteLine("public static bool TryParse(string eventName, global::System.ReadOnlySpan<byte> payloadJson, out object? evt)");
        w.OpenBlock();
        w.WriteLine("if (!TryGetByName(eventName, out _))");
        w.OpenBlock();
        w.WriteLine("evt = null;");
        w.WriteLine("return false;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine($"var reader = new {Names.JsonReader}(payloadJson, new global::System.Text.Json.JsonReaderOptions {{ MaxDepth = 64 }});");
        w.WriteLine($"{p}.Advance(ref reader);");
        w.WriteLine("TryRead(eventName, ref reader, out evt);");
        w.WriteLine($"{p}.EnsureEnd(ref reader);");
        w.WriteLine("return true;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Reads an event's record from the JSON value the reader is on, e.g. the payload inside a whole envelope, so the");
        w.WriteLine("/// payload is read in the same pass as the envelope. Leaves the reader on the value's last token.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <param name=\"eventName\">The CyTube event name.</param>");
        w.WriteLine("/// <param name=\"reader\">A reader on the payload's first token.</param>");
        w.WriteLine("/// <param name=\"evt\">The typed record, when the event is known.</param>");
        w.WriteLine("/// <returns>False when the event has no record (a raw-only event); then the reader has not moved.</returns>");
        w.WriteLine($"/// <exception cref=\"{Names.JsonException}\">The event is known but the payload does not fit its schema.</exception>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>");
        w.WriteLine("/// reader.Read(); // now on the payload's first token");
        w.WriteLine("/// if (KrytenEventRegistry.TryRead(\"chatMsg\", ref reader, out var evt)) { /* typed record; reader on the payload's end */ }");
        w.WriteLine("/// </code>");
        w.WriteLine("/// </example>");
        w.WriteLine($"public static bool TryRead(string eventName, ref {Names.JsonReader} reader, out object? evt)");
        w.OpenBlock();
        w.WriteLine("switch (eventName)");
        w.OpenBlock();
        foreach (var e in model.Entries)
        {
            w.WriteLine($"case {Names.Literal(e.Cytube)}:");
            w.WriteLine($"    evt = global::{model.Namespace}.KrytenJsonContext.{e.Record}Converter.ReadValue(ref reader);");
            w.WriteLine("    return true;");
        }

        w.WriteLine("default:");
        w.WriteLine("    evt = null;");
        w.WriteLine("    return false;");
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
        EmitTryReadCanonical(w, model);
        w.CloseBlock();
        return w.ToString();
    }

    private static void EmitTryReadCanonical(SourceWriter w, RegistryModel model)
    {
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Reads an event's record without tokenizing when its payload is laid out exactly as the bridge writes it (Python's");
        w.WriteLine("/// <c>json.dumps</c> with default separators, the record's keys all present in schema order). Declines everything");
        w.WriteLine("/// else, and events whose payload is not an object, for <see cref=\"TryRead\"/> to read; what it accepts reads exactly");
        w.WriteLine("/// as <see cref=\"TryRead\"/> would read it.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <param name=\"eventName\">The CyTube event name.</param>");
        w.WriteLine("/// <param name=\"json\">The bytes holding the payload, e.g. a whole envelope.</param>");
        w.WriteLine("/// <param name=\"at\">The payload's first byte; on success, just past its closing brace. Unchanged on failure.</param>");
        w.WriteLine("/// <param name=\"maxDepth\">Deepest nesting allowed, the payload counting as one level (as <c>JsonReaderOptions.MaxDepth</c> for it alone).</param>");
        w.WriteLine("/// <param name=\"evt\">The typed record, when read.</param>");
        w.WriteLine("/// <returns>False, not an exception, when the payload was not read this way.</returns>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>");
        w.WriteLine("/// var at = payloadStart;");
        w.WriteLine("/// if (!KrytenEventRegistry.TryReadCanonical(\"chatMsg\", message, ref at, 64, out var evt)) { /* read it with TryRead */ }");
        w.WriteLine("/// </code>");
        w.WriteLine("/// </example>");
        w.WriteLine("public static bool TryReadCanonical(string eventName, global::System.ReadOnlySpan<byte> json, ref int at, int maxDepth, out object? evt)");
        w.OpenBlock();
        w.WriteLine("switch (eventName)");
        w.OpenBlock();
        var n = 0;
        foreach (var e in model.Entries)
        {
            if (!e.Canonical)
            {
                continue;
            }

            w.WriteLine($"case {Names.Literal(e.Cytube)}:");
            w.WriteLine($"    evt = global::{model.Namespace}.KrytenJsonContext.{e.Record}Converter.TryReadCanonical(json, ref at, maxDepth, out var e{n}) ? e{n} : null;");
            w.WriteLine("    return evt is not null;");
            n++;
        }

        w.WriteLine("default:");
        w.WriteLine("    evt = null;");
        w.WriteLine("    return false;");
        w.CloseBlock();
        w.CloseBlock();
    }
}
