using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>Emits <c>KrytenWireDefaults</c>: one constant per <c>wire:</c> setting of kryten.yaml.</summary>
internal static class WireDefaultsEmitter
{
    public static string HintName(WireModel model) => $"{model.Namespace}.KrytenWireDefaults.g.cs";

    public static string Emit(WireModel model)
    {
        var w = new SourceWriter();
        w.WriteLine(GeneratedCodeStamp.FileHeader);
        w.WriteLine();
        w.WriteLine($"namespace {model.Namespace};");
        w.WriteLine();
        w.WriteLine("/// <summary>The bridge's wire settings (subjects, envelope field names) as the schema's kryten.yaml declares them.</summary>");
        w.WriteLine("/// <example>");
        w.WriteLine("/// <code>string subject = KrytenWireDefaults.CommandSubject; // \"kryten.robot.command\"</code>");
        w.WriteLine("/// </example>");
        w.WriteLine(GeneratedCodeStamp.Attribute);
        w.WriteLine("public static class KrytenWireDefaults");
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
        }

        w.CloseBlock();
        return w.ToString();
    }
}
