using System.Text.Json.Serialization;

namespace Kryten.Sdk.Testing;

/// <summary>Reflection-free JSON for the few values the bus writes itself.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class InternalJson : JsonSerializerContext;
