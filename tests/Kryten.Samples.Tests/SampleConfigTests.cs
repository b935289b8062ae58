using Kryten.Sdk;
using Kryten.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// The configuration files the samples ship load as they are, so a user copying one starts from a valid file. YAML under
/// a sample's <c>schema/</c> folder is a schema file (a service contract), not a configuration.
/// </summary>
public sealed class SampleConfigTests
{
    public static TheoryData<string> ConfigFiles()
    {
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(samples, "*.yaml", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("node_modules", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                                 && !f.Contains("/schema/", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Loads_without_problems(string file)
    {
        var options = KrytenOptionsLoader.FromFile(Path.Combine(RepositoryPaths.Root, file));
        options.Channels.ShouldNotBeEmpty();
    }
}
