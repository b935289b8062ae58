using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Kryten.Samples.StateWatch;
using Kryten.Sdk;
using Kryten.Sdk.Events;
using Kryten.Sdk.Testing;
using Kryten.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Shouldly;
using Xunit;

namespace Kryten.Samples.Tests;

/// <summary>
/// StateWatch's lines keep CyTube's field names, and the program itself, against a real nats-server whose KV the test
/// writes as the bridge does: the state as it is, then a line per change, and exit code 0 on SIGTERM.
/// </summary>
public sealed class StateWatchTests
{
    private const string Channel = "420Grindhouse";
    private const string Current =
        """{"id": "dQw4w9WgXcQ", "title": "Rick Astley - Never Gonna Give You Up", "seconds": 212, "duration": "03:32", "type": "yt", "meta": {}, "currentTime": 0, "paused": false, "uid": 42}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_part_is_written_under_cytube_field_names_and_a_part_that_is_gone_as_null()
    {
        await using var mock = await MockKrytenClient.StartAsync(o => o.Channels = [new KrytenChannelOptions { Channel = Channel }]);
        var seeded = mock.Bus.StateOf(Channel);
        await seeded.SetPlaylistAsync([new PlaylistItem
        {
            Media = new Media { Id = "dQw4w9WgXcQ", Title = "Rick", Seconds = 212, Duration = "03:32", Type = "yt", Meta = new MediaMeta() },
            Uid = 17, Temp = true, QueueBy = "alice",
        }]);
        await seeded.SetUsersAsync([new ChannelUser { Name = "alice", Rank = 3, Profile = new UserProfile { Image = "", Text = "hi" }, Meta = new UserMeta { Afk = true, Muted = false } }]);
        await seeded.SetEmotesAsync([new Emote { Name = ":wave:", Image = "https://example.org/wave.gif", Source = ":wave:" }]);
        await seeded.SetMotdAsync("<b>caf\u00e9</b>");
        await seeded.SetCssAsync("");
        var state = mock.Client.ChannelState(Channel);
        await state.WhenLoadedAsync(Ct);

        using var output = new MemoryStream();
        var writer = new StateLineWriter(output);
        foreach (var part in Enum.GetValues<KrytenStatePart>()) writer.Write(new KrytenStateChange(Channel, part, state.Snapshot));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        lines.Select(l => l.GetProperty("part").GetString()).ShouldBe(["playlist", "current", "users", "emotes", "motd", "css", "js"]);
        lines.ShouldAllBe(l => l.GetProperty("channel").GetString() == Channel);
        var item = lines[0].GetProperty("data")[0];
        item.GetProperty("uid").GetInt64().ShouldBe(17);
        item.GetProperty("queueby").GetString().ShouldBe("alice");
        item.GetProperty("media").GetProperty("title").GetString().ShouldBe("Rick");
        lines[1].GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);   // nothing has played: no current key
        var user = lines[2].GetProperty("data")[0];
        user.GetProperty("name").GetString().ShouldBe("alice");
        user.GetProperty("rank").GetDouble().ShouldBe(3);
        user.GetProperty("meta").GetProperty("afk").GetBoolean().ShouldBeTrue();
        user.GetProperty("profile").GetProperty("text").GetString().ShouldBe("hi");
        lines[3].GetProperty("data")[0].GetProperty("source").GetString().ShouldBe(":wave:");
        lines[4].GetProperty("data").GetString().ShouldBe("<b>café</b>");
        lines[5].GetProperty("data").GetString().ShouldBe("");   // present and empty, unlike js
        lines[6].GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_program_prints_the_state_then_every_change_and_exits_0_on_SIGTERM()
    {
        await using var server = await NatsServerProcess.StartAsync(jetStream: true, cancellationToken: Ct);
        await using var bridge = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        var kv = new NatsKVContext(new NatsJSContext(bridge));
        var admin = await kv.CreateStoreAsync(new NatsKVConfig(KrytenBuckets.AdminState(Channel)) { Description = $"Kryten {Channel} admin state", MaxValueSize = 1048576 }, Ct);
        await admin.PutAsync("css", Array.Empty<byte>(), NatsRawSerializer<byte[]>.Default, Ct);

        using var process = Start("--nats", server.Url, "--channel", Channel);
        var stdout = new LineReader(process.StandardOutput);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            var first = (await stdout.NextAsync(1)).Single();   // the one part that exists: motd and js are not there
            first.GetProperty("part").GetString().ShouldBe("css");
            first.GetProperty("data").GetString().ShouldBe("");

            // The bridge starts its playlist: items appear; current is still not there, which is no line.
            var playlist = await kv.CreateStoreAsync(new NatsKVConfig(KrytenBuckets.Playlist(Channel)) { Description = $"Kryten {Channel} playlist", MaxValueSize = 10485760 }, Ct);
            await playlist.PutAsync("items", "[]"u8.ToArray(), NatsRawSerializer<byte[]>.Default, Ct);
            var items = (await stdout.NextAsync(1)).Single();
            items.GetProperty("part").GetString().ShouldBe("playlist");
            items.GetProperty("data").GetArrayLength().ShouldBe(0);

            await playlist.PutAsync("current", Encoding.UTF8.GetBytes(Current), NatsRawSerializer<byte[]>.Default, Ct);
            var current = (await stdout.NextAsync(1)).Single();
            current.GetProperty("part").GetString().ShouldBe("current");
            current.GetProperty("data").GetProperty("uid").GetInt64().ShouldBe(42);

            await admin.DeleteAsync("css", cancellationToken: Ct);
            var css = (await stdout.NextAsync(1)).Single();
            css.GetProperty("part").GetString().ShouldBe("css");
            css.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(Ct);
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            exit.CancelAfter(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(exit.Token);
            process.ExitCode.ShouldBe(0, await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    // The sample as built next to this test (a referenced executable), run the way `dotnet run` would.
    private static Process Start(params string[] args)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(StateLineWriter).Assembly.Location)!, "StateWatch.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private sealed class LineReader(StreamReader reader)
    {
        public async Task<List<JsonElement>> NextAsync(int count)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var lines = new List<JsonElement>();
            while (lines.Count < count)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("StateWatch ended its output");
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            return lines;
        }
    }
}
