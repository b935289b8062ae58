using Kryten.Sdk.Tests.Support;
using System.Reflection;
using System.Text.Json;
using Kryten.Sdk.Events;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Tests.Events;

/// <summary>Every public event vector parses into its generated record and exposes the values of expect.typed.</summary>
public sealed class EventVectorTests
{
    public static TheoryDataNames CatalogNames => EventVector.Names(inCatalog: true);

    public static TheoryDataNames OtherNames => EventVector.Names(inCatalog: false);

    [Theory]
    [MemberData(nameof(OtherNames))]
    public void Registry_has_no_record_for_events_outside_the_catalog(string name)
    {
        var vector = EventVector.ByName(name);
        vector.Typed.ValueKind.ShouldBe(JsonValueKind.Null);
        KrytenEventRegistry.TryGetByName(vector.CytubeEvent, out _).ShouldBeFalse();
        KrytenEventRegistry.TryGetBySubjectToken(vector.SubjectToken, out _).ShouldBeFalse();
        Records.TryParse(vector.CytubeEvent, vector.PayloadUtf8, out var unknown).ShouldBeFalse();
        unknown.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Registry_parses_the_payload_into_the_record_the_vector_describes(string name)
    {
        var vector = EventVector.ByName(name);
        KrytenEventRegistry.TryGetByName(vector.CytubeEvent, out var info).ShouldBeTrue();
        KrytenEventRegistry.TryGetBySubjectToken(vector.SubjectToken, out var bySubject).ShouldBeTrue();
        bySubject.ShouldBe(info);
        info.SubjectToken.ShouldBe(vector.SubjectToken);
        Records.TryParse(vector.CytubeEvent, vector.PayloadUtf8, out var evt).ShouldBeTrue();
        evt.ShouldNotBeNull().GetType().ShouldBe(info.RecordType);
        info.RecordType.GetCustomAttribute<KrytenEventAttribute>().ShouldNotBeNull().CytubeEventName.ShouldBe(vector.CytubeEvent);
        TypedExpectation.AssertMatches(vector.Typed, evt);
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Json_context_reads_the_payload_with_the_values_of_expect_typed(string name)
    {
        var vector = EventVector.ByName(name);
        KrytenEventRegistry.TryGetByName(vector.CytubeEvent, out var info).ShouldBeTrue();

        var typeInfo = KrytenJsonContext.Default.GetTypeInfo(info.RecordType).ShouldNotBeNull();
        var evt = JsonSerializer.Deserialize(vector.PayloadUtf8, typeInfo);

        TypedExpectation.AssertMatches(vector.Typed, evt);
    }
}
