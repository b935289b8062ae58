using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>Emits <c>KrytenWire</c>: one constant (and its UTF-8 twin) per <c>wire:</c> setting of kryten.yaml.</summary>
internal static class WireEmitter
{
    public static string HintName(WireModel model) => $"{model.Namespace}.KrytenWire.g.cs";

    public static string Emit(WireModel model)
    {
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Every literal of the Kryten wire (subjects, envelope, request and reply keys), declared once in the schema's");
        w.WriteLine("/// kryten.yaml. The runtime, generated code, the testing package and the tools all read them from here.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>Console.WriteLine(KrytenWire.CommandSubject);   // kryten.robot.command</code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine("public static class KrytenWire");
        w.OpenBlock();
        var first = true;
        foreach (var setting in model.Settings)
        {
            if (!first)
            {
                w.WriteLine();
            }

            first = false;
            w.WriteLine($"/// <summary>{(setting.Doc is null ? $"Wire setting <c>{setting.Name}</c>." : Names.Xml(setting.Doc))}</summary>");
            w.WriteLine($"public const string {setting.Name} = {Names.Literal(setting.Value)};");
            w.WriteLine();
            w.WriteLine($"/// <summary><see cref=\"{setting.Name}\"/> as UTF-8 bytes.</summary>");
            w.WriteLine($"public static global::System.ReadOnlySpan<byte> {setting.Name}Utf8 => {Names.Utf8(setting.Value)};");
        }

        w.CloseBlock();
        return w.ToString();
    }
}
