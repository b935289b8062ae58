using Kryten.Sdk.Generators.Common;
using Kryten.Sdk.Generators.Handlers;

namespace Kryten.Sdk.Generators.Emit;

/// <summary>
/// The shell of a generated part of a user's partial class (handler dispatch, chat commands): its namespace, the types
/// it is nested in, and the class itself with the interface the generated part implements.
/// </summary>
internal static class PartialClassWriter
{
    /// <summary>Opens the namespace, the enclosing types and the class, which implements <paramref name="implements"/>.</summary>
    public static void Open(SourceWriter writer, HandlerClassInfo cls, string implements)
    {
        if (cls.Namespace.Length > 0)
        {
            writer.WriteLine($"namespace {cls.Namespace}");
            writer.OpenBlock();
        }

        var types = cls.Types;
        for (var i = 0; i < types.Count - 1; i++)
        {
            writer.WriteLine($"partial {types[i].Keyword} {types[i].Name}");
            writer.OpenBlock();
        }

        var target = types[types.Count - 1];
        writer.WriteLine($"partial {target.Keyword} {target.Name} : {implements}");
        writer.OpenBlock();
    }

    /// <summary>Closes what <see cref="Open"/> opened.</summary>
    public static void Close(SourceWriter writer, HandlerClassInfo cls)
    {
        for (var i = 0; i < cls.Types.Count; i++)
        {
            writer.CloseBlock();
        }

        if (cls.Namespace.Length > 0)
        {
            writer.CloseBlock();
        }
    }
}
