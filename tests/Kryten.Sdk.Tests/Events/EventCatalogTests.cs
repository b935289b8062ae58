using System.Reflection;
using Kryten.Sdk.Events;
using Shouldly;
using Xunit;

namespace Kryten.Sdk.Tests.Events;

/// <summary>The generated registry covers exactly the 65 server-to-client events of the catalog.</summary>
public sealed class EventCatalogTests
{
    private static readonly HashSet<string> CatalogEvents =
        EventVector.All().Where(v => v.InCatalog).Select(v => v.CytubeEvent).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Public_vectors_cover_all_65_catalog_events() => CatalogEvents.Count.ShouldBe(65);

    [Fact]
    public void Registry_has_one_record_per_catalog_event()
    {
        KrytenEventRegistry.All.Count.ShouldBe(65);
        KrytenEventRegistry.All.Select(e => e.CytubeName).ShouldBe(CatalogEvents, ignoreOrder: true);
        KrytenEventRegistry.All.Select(e => e.RecordType).Distinct().Count().ShouldBe(65);
    }

    [Fact]
    public void Every_generated_event_record_is_registered_under_its_attribute_name()
    {
        var attributed = typeof(KrytenEventRegistry).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<KrytenEventAttribute>()))
            .Where(t => t.Attribute is not null)
            .ToDictionary(t => t.Type, t => t.Attribute!.CytubeEventName);

        // The lifecycle records (robot.*, group.restart) are events too, routed by subject: not in the CyTube registry.
        var lifecycle = attributed.Where(a => KrytenEventRegistry.All.All(e => e.RecordType != a.Key)).Select(a => a.Value);
        lifecycle.ShouldBe(["robot.startup", "robot.connected", "robot.disconnected", "robot.shutdown", "group.restart"], ignoreOrder: true);
        attributed.Count.ShouldBe(65 + 5);
        foreach (var info in KrytenEventRegistry.All)
        {
            attributed[info.RecordType].ShouldBe(info.CytubeName);
            info.RecordType.GetProperty("CytubeEventName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null).ShouldBe(info.CytubeName);
            info.RecordType.IsSealed.ShouldBeTrue();
            info.RecordType.Namespace.ShouldBe("Kryten.Sdk.Events");
        }
    }
}
