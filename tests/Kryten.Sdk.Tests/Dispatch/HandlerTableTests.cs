using Kryten.Sdk.Dispatch;
using Kryten.Sdk.Tests.Support;

namespace Kryten.Sdk.Tests.Dispatch;

/// <summary>
/// The table answers repeated lookups of one name instance from a slot; these pin down that the answer never depends
/// on which instance, which case, or how many names compete for the slots.
/// </summary>
public sealed class HandlerTableTests
{
    private static HandlerEntry Typed() => new DelegateEntry<TestChat>((_, _, _) => default, null, null, false);

    private static HandlerEntry Raw(string? eventName) => new RawDelegateEntry((_, _, _) => default, eventName, null, null, false);

    [Fact]
    public void Any_instance_and_any_case_of_a_name_finds_the_same_handlers()
    {
        var typed = Typed();
        var rawForChat = Raw("chatMsg");
        var rawForAll = Raw(null);
        var table = new HandlerTable([typed, rawForChat, rawForAll]);

        foreach (var name in new[] { "chatMsg", new string("chatMsg".AsSpan()), "CHATMSG", "chatMsg" })
        {
            var lists = table.For(name);
            lists.Typed.ShouldBe([typed]);
            lists.Raw.ShouldBe([rawForChat, rawForAll]);
        }
        var other = table.For("usercount");
        other.Typed.ShouldBeEmpty();
        other.Raw.ShouldBe([rawForAll]);
        table.For("usercount").Raw.ShouldBe([rawForAll]);   // unhandled names take no slot and still answer
    }

    [Fact]
    public void More_names_than_slots_still_find_their_own_handlers()
    {
        var entries = Enumerable.Range(0, 300).Select(i => Raw("event" + i)).ToList();
        var table = new HandlerTable(entries);
        for (var pass = 0; pass < 3; pass++)
        {
            for (var i = 0; i < entries.Count; i++) table.For("event" + i).Raw.ShouldBe([entries[i]]);
        }
    }
}
