using System.Globalization;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Wire;

public sealed class NormalizationVectorTests
{
    public static TheoryDataNames Names => ContractVectors.Names("normalization.json");

    [Theory]
    [MemberData(nameof(Names))]
    public void Normalize_matches_the_bridge(string name)
    {
        var v = ContractVectors.ByName("normalization.json", name);
        var input = v.GetProperty("input").GetString()!;
        var expected = v.GetProperty("normalized").GetString()!;

        var actual = KrytenSubjects.Normalize(input);

        actual.ShouldBe(expected);
        new StringInfo(actual).LengthInTextElements.ShouldBeLessThanOrEqualTo(v.GetProperty("normalizedCodePoints").GetInt32());
        actual.EnumerateRunes().Count().ShouldBe(v.GetProperty("normalizedCodePoints").GetInt32());
        actual.Length.ShouldBe(v.GetProperty("normalizedUtf16Units").GetInt32());
        if (v.TryGetProperty("natsValidToken", out var valid)) KrytenSubjects.IsValidNatsToken(actual).ShouldBe(valid.GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Subjects_are_built_like_the_bridge_or_refused_with_a_typed_error(string name)
    {
        var v = ContractVectors.ByName("normalization.json", name);
        var input = v.GetProperty("input").GetString()!;
        if (v.TryGetProperty("eventInput", out var eventInput))
        {
            var subject = KrytenSubjects.EventSubject("kryten.events.cytube", input, eventInput.GetString()!);
            subject.ShouldBe(v.GetProperty("subjectAsChannel").GetString());
            subject.EnumerateRunes().Count().ShouldBe(v.GetProperty("subjectLength").GetInt32());
            return;
        }
        if (v.GetProperty("natsValidToken").GetBoolean())
        {
            KrytenSubjects.EventSubject("kryten.events.cytube", input, "chatMsg").ShouldBe(v.GetProperty("subjectAsChannel").GetString());
            KrytenSubjects.EventSubject("kryten.events.cytube", "420Grindhouse", input).ShouldBe(v.GetProperty("subjectAsEvent").GetString());
        }
        else
        {
            Should.Throw<KrytenSubjectException>(() => KrytenSubjects.EventSubject("kryten.events.cytube", input, "chatMsg")).Token.ShouldBe(input);
            Should.Throw<KrytenSubjectException>(() => KrytenSubjects.EventSubject("kryten.events.cytube", "420Grindhouse", input));
        }
    }

    [Fact]
    public void Python_special_casing_is_applied()
    {
        KrytenSubjects.Normalize("ΣΑΣ").ShouldBe("σας");
        KrytenSubjects.Normalize("İ").ShouldBe("i\u0307");
        KrytenSubjects.Normalize("ẞ").ShouldBe("ß");
        KrytenSubjects.Normalize("ΑΣ ΒΣ").ShouldBe("ας-βς");
        KrytenSubjects.Normalize("Σ").ShouldBe("σ");
    }
}
