namespace Kryten.Sdk.Tests.State;

public sealed class KrytenBucketsTests
{
    [Fact]
    public void Bucket_names_keep_the_raw_channel_with_its_case_and_strip_surrounding_whitespace()
    {
        KrytenBuckets.Playlist("420Grindhouse").ShouldBe("kryten_420Grindhouse_playlist");
        KrytenBuckets.Userlist("420Grindhouse").ShouldBe("kryten_420Grindhouse_userlist");
        KrytenBuckets.Emotes("420Grindhouse").ShouldBe("kryten_420Grindhouse_emotes");
        KrytenBuckets.AdminState(" Channel-Z\t").ShouldBe("kryten_Channel-Z_state");   // TV-30's bucket
    }

    [Theory]
    [InlineData("420Grindhouse", true)]
    [InlineData("Channel-Z", true)]
    [InlineData("a_b", true)]
    [InlineData(" a ", true)]
    [InlineData("Lounge Test", false)]
    [InlineData("cytu.be", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("", false)]
    public void Only_names_NATS_allows_in_a_bucket_can_have_buckets(string channel, bool expected) =>
        KrytenBuckets.CanHaveBuckets(channel).ShouldBe(expected);
}
