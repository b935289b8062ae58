using System.CommandLine;
using System.Text.Json;
using Kryten.Sdk;
using Kryten.Sdk.Events;

namespace Kryten.Cli;

/// <summary>
/// <c>kryten tail</c>: the channel's events as they arrive, typed with the schema's records (CyTube's field names), or
/// raw when the schema does not know the event or its payload does not fit. One line per event; with <c>--json</c> the
/// line is <c>{"event", "type", "channel", "domain", "correlation_id", "timestamp", "data"}</c>.
/// </summary>
internal static class TailCommand
{
    public static Command Create(CliSettings settings)
    {
        var events = new Option<string[]>("--event", "-e") { Description = "Only these CyTube events, e.g. chatMsg (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = settings.AddTo(new Command("tail", "Print the channel's events as they arrive (Ctrl+C to stop)") { events });
        CliAction.Set(command, settings, needChannel: true, async (options, output, parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(events) is { Length: > 0 } names ? names.ToHashSet(StringComparer.Ordinal) : null;
            await using var client = new KrytenClient(options);
            var gate = new object();
            // Ordered: each channel's lines in arrival order.
            using var tap = client.OnRaw((evt, _, _) =>
            {
                if (wanted is null || wanted.Contains(evt.EventName))
                {
                    lock (gate)
                    {
                        Write(output, evt);
                    }
                }

                return Task.CompletedTask;
            }, ordered: true);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await client.RunAsync(cancellationToken).ConfigureAwait(false);
            return CliExit.Ok;
        });
        return command;
    }

    private static void Write(CliOutput output, KrytenRawEvent evt)
    {
        var typed = TryParse(evt);
        output.Line(
            $"{output.Paint(evt.Timestamp.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), ConsoleColor.DarkGray)} " +
            $"{output.Paint(evt.Channel, ConsoleColor.Yellow)} {output.Paint(evt.EventName, ConsoleColor.Cyan)} {CliOutput.Write(json => WriteData(json, evt, typed), indented: false)}",
            json =>
            {
                json.WriteStartObject();
                json.WriteString("event", evt.EventName);
                if (typed is null)
                {
                    json.WriteNull("type");
                }
                else
                {
                    json.WriteString("type", typed.GetType().Name);
                }

                json.WriteString("channel", evt.Channel);
                json.WriteString("domain", evt.Domain);
                json.WriteString("correlation_id", evt.CorrelationId);
                json.WriteString("timestamp", evt.Timestamp);
                json.WritePropertyName("data");
                WriteData(json, evt, typed);
                json.WriteEndObject();
            });
    }

    private static void WriteData(Utf8JsonWriter json, KrytenRawEvent evt, object? typed)
    {
        if (typed is null)
        {
            using var payload = evt.ParsePayload();
            payload.RootElement.WriteTo(json);
        }
        else
        {
            JsonSerializer.Serialize(json, typed, KrytenJsonContext.Default.GetTypeInfo(typed.GetType())!);
        }
    }

    private static object? TryParse(KrytenRawEvent evt)
    {
        try
        {
            return KrytenEventRegistry.TryGetByName(evt.EventName, out var info) ? info.ReadPayload(evt.Payload.Span) : null;
        }
        catch (JsonException)
        {
            return null; // the payload does not fit the schema's record: print it raw
        }
    }
}
