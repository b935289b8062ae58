using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kryten.Cli;

/// <summary>Source-generated metadata of the few values the CLI writes itself (raw replies).</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
