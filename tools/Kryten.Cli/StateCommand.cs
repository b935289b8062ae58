using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten state CHANNEL [PART]</c>: the channel's robot state as the bridge keeps it in JetStream KV, read with
/// <see cref="KrytenClient.ChannelState"/> (CyTube's records). Without a part, every part (null where absent).
/// </summary>
internal static class StateCommand
{
    private static readonly string[] PartNames = Enum.GetNames<KrytenStatePart>().Select(n => n.ToLowerInvariant()).ToArray();

    public static Command Create(CliSettings settings)
    {
        var channel = new Argument<string>("channel") { Description = "The CyTube channel" };
        var part = new Argument<string?>("part") { Description = "One part: " + string.Join(", ", PartNames), Arity = ArgumentArity.ZeroOrOne };
        part.AcceptOnlyFromAmong(PartNames);
        var command = settings.AddTo(new Command("state", "Print the channel's robot state (playlist, current media, users, emotes, MOTD, CSS, JS)") { channel, part });
        CliAction.Set(command, settings, needChannel: false, async (options, output, parse, cancellationToken) =>
        {
            var name = parse.GetValue(channel)!;
            var domain = options.Channels.FirstOrDefault()?.Domain ?? "cytu.be";
            options.Channels = [new KrytenChannelOptions { Channel = name, Domain = domain }];
            await using var client = new KrytenClient(options);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var state = client.ChannelState(name);
            await state.WhenLoadedAsync(cancellationToken).WaitAsync(options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            var snapshot = state.Snapshot;
            if (parse.GetValue(part) is { } one)
            {
                var chosen = Enum.Parse<KrytenStatePart>(one, ignoreCase: true);
                output.Document(writer => WritePart(writer, snapshot, chosen, required: true));
            }
            else
            {
                output.Document(writer =>
                {
                    writer.WriteStartObject();
                    foreach (var each in Enum.GetValues<KrytenStatePart>())
                    {
                        writer.WritePropertyName(each.ToString().ToLowerInvariant());
                        WritePart(writer, snapshot, each, required: false);
                    }

                    writer.WriteEndObject();
                });
            }

            return CliExit.Ok;
        });
        return command;
    }

    // A missing part asked for on its own is an error (KrytenStateException says why); in the overview it is null.
    private static void WritePart(Utf8JsonWriter writer, KrytenStateSnapshot snapshot, KrytenStatePart part, bool required)
    {
        if (!snapshot[part].IsPresent && !required)
        {
            writer.WriteNullValue();
            return;
        }

        var context = KrytenJsonContext.Default;
        switch (part)
        {
            case KrytenStatePart.Playlist:
                WriteList(writer, snapshot.Playlist.Value, context.PlaylistItem);
                break;
            case KrytenStatePart.Current:
                JsonSerializer.Serialize(writer, snapshot.Current.Value, context.MediaChanged);
                break;
            case KrytenStatePart.Users:
                WriteList(writer, snapshot.Users.Value, context.ChannelUser);
                break;
            case KrytenStatePart.Emotes:
                WriteList(writer, snapshot.Emotes.Value, context.Emote);
                break;
            default:
                writer.WriteStringValue(((KrytenStateValue<string>)snapshot[part]).Value);
                break;
        }
    }

    private static void WriteList<T>(Utf8JsonWriter writer, IReadOnlyList<T> items, JsonTypeInfo<T> type)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            JsonSerializer.Serialize(writer, item, type);
        }

        writer.WriteEndArray();
    }
}
