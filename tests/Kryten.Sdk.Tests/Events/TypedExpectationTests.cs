using Kryten.Sdk.Tests.Support;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kryten.Sdk.Events;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Tests.Events;

/// <summary>
/// The comparer behind <see cref="EventVectorTests"/> must notice every difference: for each vector, changing any
/// single value of expect.typed, dropping a list element or adding an unknown key makes it fail.
/// </summary>
public sealed class TypedExpectationTests
{
    public static TheoryDataNames CatalogNames => EventVector.Names(inCatalog: true);

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Every_single_change_to_expect_typed_is_detected(string name)
    {
        var vector = EventVector.ByName(name);
        Records.TryParse(vector.CytubeEvent, vector.PayloadUtf8, out var evt).ShouldBeTrue();
        TypedExpectation.AssertMatches(vector.Typed, evt);

        var mutations = Mutations(JsonNode.Parse(vector.Typed.GetRawText())!.AsObject()).ToList();
        foreach (var (description, mutated) in mutations)
        {
            using var doc = JsonDocument.Parse(mutated.ToJsonString());
            Should.Throw<TypedMismatchException>(() => TypedExpectation.AssertMatches(doc.RootElement, evt), description);
        }
    }

    [Fact]
    public void PascalCase_joins_snake_case_parts() =>
        TypedExpectation.PascalCase("new_user_chat_delay").ShouldBe("NewUserChatDelay");

    private static IEnumerable<(string, JsonObject)> Mutations(JsonObject typed)
    {
        var unknownKey = (JsonObject)typed.DeepClone();
        unknownKey["noSuchKeyInAnyRecord"] = 1;
        yield return ("unknown key", unknownKey);

        foreach (var path in LeafPaths(typed, []))
        {
            var copy = (JsonObject)typed.DeepClone();
            var (parent, key) = Locate(copy, path);
            var current = parent is JsonObject o ? o[(string)key] : ((JsonArray)parent)[(int)key];
            JsonNode? replacement = current switch
            {
                JsonArray list when list.Count > 0 => DropLast(list),
                JsonArray => new JsonArray(1),
                JsonObject => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() + "~",
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() + 1,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => !v.GetValue<bool>(),
                _ => "was null",
            };
            if (parent is JsonObject po) po[(string)key] = replacement;
            else ((JsonArray)parent)[(int)key] = replacement;
            yield return (string.Join('.', path), copy);
        }
    }

    private static JsonArray DropLast(JsonArray list)
    {
        var copy = (JsonArray)list.DeepClone();
        copy.RemoveAt(copy.Count - 1);
        return copy;
    }

    // Every value position (objects' members and array elements), depth first.
    private static IEnumerable<object[]> LeafPaths(JsonNode? node, object[] prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    object[] path = [.. prefix, key];
                    yield return path;
                    foreach (var inner in LeafPaths(child, path)) yield return inner;
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    yield return path;
                    foreach (var inner in LeafPaths(array[i], path)) yield return inner;
                }

                break;
        }
    }

    private static (JsonNode Parent, object Key) Locate(JsonNode root, object[] path)
    {
        var node = root;
        for (var i = 0; i < path.Length - 1; i++) node = path[i] is string k ? node[k]! : node[(int)path[i]]!;
        return (node, path[^1]);
    }
}
