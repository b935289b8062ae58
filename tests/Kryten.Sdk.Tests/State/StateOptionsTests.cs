namespace Kryten.Sdk.Tests.State;

public sealed class StateOptionsTests
{
    [Fact]
    public void The_state_section_binds_and_defaults_to_reading_the_state()
    {
        new KrytenOptions().State.Enabled.ShouldBeTrue();
        var options = KrytenOptionsLoader.FromYaml("""
            channels: [ { channel: "420Grindhouse" } ]
            state: { enabled: false, retry_interval: 5s, readTimeout: 750ms }
            """, _ => null);
        options.State.Enabled.ShouldBeFalse();
        options.State.RetryInterval.ShouldBe(TimeSpan.FromSeconds(5));
        options.State.ReadTimeout.ShouldBe(TimeSpan.FromMilliseconds(750));
        options.ToString().ShouldContain("State = { Enabled = False }");
    }

    [Fact]
    public void Bad_state_values_are_reported_with_their_paths()
    {
        var e = Should.Throw<KrytenConfigurationException>(() => KrytenOptionsLoader.FromYaml("""
            state: { enabled: sometimes, retryInterval: 0s, readTimeout: -1s, bucket: x }
            """, _ => null));
        e.Problems.ShouldBe(
        [
            "state.enabled: expected true or false, got 'sometimes'",
            "state.bucket: unknown key",
            "state.retryInterval: must be positive",
            "state.readTimeout: must be positive",
        ], ignoreOrder: true);
    }
}
