using System.Text;
using Kryten.Sdk.Generators.Schema.Model;

namespace Kryten.Sdk.Generators.Emit;

/// <summary><c>global::</c>-qualified names used in emitted code, and C# spellings of schema types.</summary>
internal static class Names
{
    public const string JsonReader = "global::System.Text.Json.Utf8JsonReader";
    public const string JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string JsonException = "global::System.Text.Json.JsonException";
    public const string JsonSerializerOptions = "global::System.Text.Json.JsonSerializerOptions";
    public const string JsonTypeInfoOf = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
    public const string JsonConverterOf = "global::System.Text.Json.Serialization.JsonConverter";
    public const string StringOrNumber = "global::Kryten.Sdk.Events.StringOrNumber";
    public const string KrytenEventInfo = "global::Kryten.Sdk.Events.KrytenEventInfo";
    public const string Sender = "global::Kryten.Sdk.IKrytenCommandSender";
    public const string ValidationException = "global::Kryten.Sdk.KrytenValidationException";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string TimeSpan = "global::System.TimeSpan";
    public const string JsonReadHelpers = "global::Kryten.Sdk.Serialization.KrytenJsonReader";
    public const string JsonWriteHelpers = "global::Kryten.Sdk.Serialization.KrytenJsonWriter";
    public const string DerivedValues = "global::Kryten.Sdk.Serialization.KrytenDerivedValues";

    /// <summary>The C# type of a stored value (<c>epochMs</c> stores the long).</summary>
    public static string CSharp(TypeRef type)
    {
        var name = type.Kind switch
        {
            ValueKind.String => "string",
            ValueKind.Bool => "bool",
            ValueKind.Int => "int",
            ValueKind.Long or ValueKind.EpochMs => "long",
            ValueKind.Double => "double",
            ValueKind.Json or ValueKind.JsonOrJsonString => JsonElement,
            ValueKind.StringOrNumber => StringOrNumber,
            ValueKind.JsonString => CSharp(type.Element!),
            ValueKind.List => $"global::System.Collections.Generic.IReadOnlyList<{CSharp(type.Element!)}>",
            ValueKind.Map => $"global::System.Collections.Generic.IReadOnlyDictionary<string, {CSharp(type.Element!)}>",
            _ => type.ObjectFqn!,
        };
        return type.Nullable && !name.EndsWith("?", System.StringComparison.Ordinal) ? name + "?" : name;
    }

    /// <summary>Whether the stored value is a struct (nullable means <c>Nullable&lt;T&gt;</c>).</summary>
    public static bool IsStruct(TypeRef type) => type.Kind switch
    {
        ValueKind.Bool or ValueKind.Int or ValueKind.Long or ValueKind.EpochMs or ValueKind.Double or ValueKind.Json or ValueKind.JsonOrJsonString or ValueKind.StringOrNumber => true,
        ValueKind.JsonString => IsStruct(type.Element!),
        _ => false,
    };

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text!.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\r' => string.Empty,
                '\n' => "\n/// ",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A UTF-8 string literal (<c>"x"u8</c>).</summary>
    public static string Utf8(string value) => Literal(value) + "u8";
}
