using System.Text;
using Kryten.Sdk.Wire;

namespace Kryten.Sdk.Tests.Wire;

/// <summary>
/// The cache hashes only a name's length and its first and last bytes, so names that share those must still come back
/// as their own text: a prefix, a suffix, the same bytes at another length, or only a middle byte apart.
/// </summary>
public sealed class Utf8StringCacheTests
{
    private static byte[] Quoted(string text) => Encoding.UTF8.GetBytes("\"" + text + "\"");

    private static IEnumerable<string> Names()
    {
        yield return "";
        for (var length = 1; length <= 40; length++)
        {
            var plain = new string(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)).ToArray());
            yield return plain;
            yield return "x" + plain[1..];                                  // only the first byte differs
            yield return plain[..^1] + "x";                                 // only the last byte differs
            if (length > 2) yield return plain[..(length / 2)] + "#" + plain[(length / 2 + 1)..];   // only a middle byte
        }
        yield return "abcd";
        yield return "abcdabcd";                                            // the same first and last bytes, another length
        yield return "abcdabcdabcdabcd";
        yield return "caf\u00e9";
    }

    [Fact]
    public void Every_name_comes_back_as_its_own_text_and_the_same_instance()
    {
        var names = Names().Distinct().ToList();
        var cache = new Utf8StringCache();
        var first = new Dictionary<string, string>();
        foreach (var name in names)
        {
            cache.TryGet(Quoted(name), out var value).ShouldBeTrue(name);
            value.ShouldBe(name);
            first[name] = value;
        }
        foreach (var name in names.AsEnumerable().Reverse())
        {
            cache.TryGet(Quoted(name), out var value).ShouldBeTrue(name);
            value.ShouldBe(name);
            value.ShouldBeSameAs(first[name], name);
        }
    }

    [Fact]
    public void Past_its_capacity_it_still_answers_every_name_correctly()
    {
        var cache = new Utf8StringCache();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 600; i++)
            {
                var name = "channel-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                cache.TryGet(Quoted(name), out var value).ShouldBeTrue();
                value.ShouldBe(name);
            }
        }
    }
}
