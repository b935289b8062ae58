using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>Emits <c>KrytenEventRegistry</c>: every event of the schema as a runtime <c>KrytenEventInfo</c>, with lookups.</summary>
internal static class RegistryEmitter
{
    public static string HintName(RegistryModel model) => $"{model.Namespace}.KrytenEventRegistry.g.cs";

    public static string Emit(RegistryModel model)
    {
        var visibility = model.Public ? "public" : "internal";
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Every event of the schema: its CyTube name, its NATS subject token, its record type and its payload reader");
        w.WriteLine($"/// (<see cref=\"{Names.KrytenEventInfo}\"/>), with lookups by name or token.");
        w.WriteLine("/// </summary>");
        if (model.Entries.Count > 0)
        {
            var name = model.Entries[0].Cytube;
            w.WriteLine("/// <example>");
            w.WriteLine("/// <code>");
            w.WriteLine($"/// if (KrytenEventRegistry.TryGetByName({Names.Xml(Names.Literal(name))}, out var info))");
            w.WriteLine("/// {");
            w.WriteLine($"///     object record = info.ReadPayload(File.ReadAllBytes({Names.Xml(Names.Literal(name + ".json"))}));   // an info.RecordType");
            w.WriteLine("/// }");
            w.WriteLine("/// </code>");
            w.WriteLine("/// </example>");
        }


        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine($"{visibility} static partial class KrytenEventRegistry");
        w.OpenBlock();
        w.WriteLine("/// <summary>All events, ordered by CyTube name.</summary>");
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Names.KrytenEventInfo}> All {{ get; }} = new {Names.KrytenEventInfo}[]");
        w.OpenBlock();
        foreach (var e in model.Entries)
        {
            w.WriteLine($"{Of(model, e)},");
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
        foreach (var e in model.Entries)
        {
            w.WriteLine($"{Names.Literal(e.Cytube)} => {Of(model, e)},");
        }

        w.WriteLine("_ => null,");
        w.CloseBlock(";");
        w.WriteLine("return info is not null;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Finds an event by the last token of its NATS subject (the bridge's normalized, lowercased name).</summary>");
        w.WriteLine("/// <param name=\"subjectToken\">The subject token, e.g. <c>chatmsg</c>.</param>");
        w.WriteLine("/// <param name=\"info\">The event, when known.</param>");
        w.WriteLine("/// <returns>Whether the token is known.</returns>");
        w.WriteLine($"public static bool TryGetBySubjectToken(string subjectToken, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {Names.KrytenEventInfo}? info)");
        w.OpenBlock();
        w.WriteLine("foreach (var candidate in All)");
        w.OpenBlock();
        w.WriteLine("if (candidate.SubjectToken == subjectToken)");
        w.OpenBlock();
        w.WriteLine("info = candidate;");
        w.WriteLine("return true;");
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("info = null;");
        w.WriteLine("return false;");
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static string Of(RegistryModel model, RegistryEntry e) => $"{Names.KrytenEventInfo}.Of<global::{model.Namespace}.{e.Record}>()";
}
