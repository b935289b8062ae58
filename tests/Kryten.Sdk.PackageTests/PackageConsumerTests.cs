using Shouldly;
using Xunit;

namespace Kryten.Sdk.PackageTests;

/// <summary>
/// The real package, end to end: pack Kryten.Sdk from a copy of the sources into a folder feed, build a consumer project (partial handler class + its own KrytenSchema YAML) from that feed with
/// zero warnings, and run it. Slow (several builds), hence one test with a generous limit.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private const string Version = "0.1.0";
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(12);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "kryten-package-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact(Timeout = 45 * 60 * 1000)]
    public async Task Consumer_builds_and_runs_from_the_packed_sdk()
    {
        var ct = TestContext.Current.CancellationToken;
        var sources = CopySources();
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;

        await Dotnet(sources, ct, "pack", "src/Kryten.Sdk/Kryten.Sdk.csproj", "-c", "Release", "-o", feed, "--disable-build-servers");
        File.Exists(Path.Combine(feed, $"Kryten.Sdk.{Version}.nupkg")).ShouldBeTrue();

        var consumer = WriteConsumer(feed);
        var build = await Dotnet(consumer, ct, "build", "Consumer.csproj", "-c", "Release", "--disable-build-servers", "-warnaserror");
        build.ShouldContain("0 Warning(s)");

        var output = await Dotnet(consumer, ct, "bin/Release/net10.0/Consumer.dll");
        output.ShouldContain("handler 0 GreeterBot.OnGreeting event=greeting raw=False channel=lobby");
        output.ShouldContain("handler 1 GreeterBot.OnAnything event=* raw=True channel=*");
        output.ShouldContain("handler 2 GreeterBot.OnChat event=chatMsg raw=False channel=*");
        output.ShouldContain("command greet {\"text\":\"re: hello\"}");
        output.ShouldContain("validation text");

        // The generator is build-time only: nothing of it (nor Roslyn) reaches the consumer's runtime dependencies.
        // YamlDotNet does, on purpose: the runtime reads YAML configuration files with it.
        var deps = await File.ReadAllTextAsync(Path.Combine(consumer, "bin/Release/net10.0/Consumer.deps.json"), ct);
        deps.ShouldContain("NATS.Client.Core");
        deps.ShouldNotContain("Kryten.Sdk.Generators");
        deps.ShouldNotContain("Microsoft.CodeAnalysis");
        File.Exists(Path.Combine(consumer, "bin/Release/net10.0/Kryten.Sdk.Generators.dll")).ShouldBeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private static async Task<string> Dotnet(string directory, CancellationToken ct, params string[] args)
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(directory, StepLimit, ct, args);
        exitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)} failed in {directory}:\n{DotnetCommand.Tail(output)}");
        return output;
    }

    // Packing builds in Release into bin/obj: a copy keeps that away from the solution being tested.
    private string CopySources()
    {
        var root = RepositoryRoot();
        var target = Path.Combine(_work, "repo");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md", "LICENSE" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(root, file), Path.Combine(target, file));
        }

        foreach (var folder in new[] { "src/Kryten.Sdk", "generators/Kryten.Sdk.Generators", "schema" })
        {
            CopyTree(Path.Combine(root, folder), Path.Combine(target, folder));
        }

        return target;
    }

    private string WriteConsumer(string feed)
    {
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        var consumer = Path.Combine(_work, "consumer");
        CopyTree(template, consumer);
        var machineCache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Render(Path.Combine(consumer, "Consumer.csproj.template"), Path.Combine(consumer, "Consumer.csproj"), ("@KRYTEN_VERSION@", Version));
        Render(
            Path.Combine(consumer, "NuGet.config.template"),
            Path.Combine(consumer, "NuGet.config"),
            ("@FEED@", feed),
            ("@MACHINE_CACHE@", Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? machineCache));
        return consumer;
    }

    private static void Render(string template, string target, params (string Token, string Value)[] replacements)
    {
        var text = File.ReadAllText(template);
        foreach (var (token, value) in replacements)
        {
            text = text.Replace(token, value, StringComparison.Ordinal);
        }

        File.WriteAllText(target, text);
        File.Delete(template);
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(directory, Path.Combine(target, name));
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kryten.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Kryten.Sdk.sln above {AppContext.BaseDirectory}");
    }
}
