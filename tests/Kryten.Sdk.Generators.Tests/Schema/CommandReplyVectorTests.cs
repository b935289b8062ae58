using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Sdk.Generators.Schema.Binding;
using Kryten.Sdk.Generators.Schema.Model;
using Kryten.Sdk.Generators.Schema.Parsing;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Generators.Tests.Schema;

/// <summary>The typed reply of every command reads the bridge's real reply <c>data</c> from commands.json.</summary>
public sealed class CommandReplyVectorTests
{
    private static readonly Dictionary<string, string> ReplyTypes = LoadReplyTypes();

    public static TheoryDataNames SuccessReplies { get; } = new(
        ContractVectors.Vectors("commands.json")
            .Where(v => v.TryGetProperty("reply", out var reply) && reply.ValueKind == JsonValueKind.Object
                && reply.TryGetProperty("data", out _) && reply.GetProperty("success").GetBoolean()
                && ReplyTypes.ContainsKey(v.GetProperty("request").GetProperty("command").GetString()!))
            .Select(v => v.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(SuccessReplies))]
    public void Reply_data_reads_into_the_generated_reply_record(string name)
    {
        var vector = ContractVectors.ByName("commands.json", name);
        var replyType = ReplyTypes[vector.GetProperty("request").GetProperty("command").GetString()!];
        var type = typeof(KrytenJsonContext).Assembly.GetType(replyType, throwOnError: true)!;
        var data = vector.GetProperty("reply").GetProperty("data").GetRawText();

        var reply = JsonSerializer.Deserialize(data, KrytenJsonContext.Default.GetTypeInfo(type)!);

        reply.ShouldNotBeNull();
        reply.GetType().ShouldBe(type);
    }

    private static Dictionary<string, string> LoadReplyTypes()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "schema"), "*.yaml", SearchOption.AllDirectories)
            .Select(path => SchemaFileParser.Parse(path, File.ReadAllText(path), CancellationToken.None));
        return SchemaBinder.Bind([.. files], new GeneratorOptions(Sdk: true, "Kryten.Sdk"), CancellationToken.None)
            .Commands.ToDictionary(c => c.Command, c => c.ReplyFqn["global::".Length..], StringComparer.Ordinal);
    }
}
