using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kryten.Cli;

/// <summary>
/// Where results go: indented JSON and coloured lines for people, one compact JSON document per line with
/// <c>--json</c>. Errors are one line on stderr, <c>kryten: …</c>.
/// </summary>
internal sealed class CliOutput(bool json, TextWriter stdout, TextWriter stderr)
{
    // Output is read by people and tools, never embedded in HTML: keep <, > and non-ASCII text readable.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public bool Json => json;

    /// <summary>Colour only for a person at a terminal (and not when NO_COLOR is set).</summary>
    public bool Colour { get; } = !json && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public TextWriter Out => stdout;

    /// <summary>Writes a typed value with its metadata: indented for people, one line with <c>--json</c>.</summary>
    public void Value(object value, JsonTypeInfo type) => Document(writer => JsonSerializer.Serialize(writer, value, type));

    /// <summary>Writes a JSON element the same way.</summary>
    public void Value(JsonElement value) => Document(value.WriteTo);

    /// <summary>Writes one JSON document: indented for people, one line with <c>--json</c>.</summary>
    public void Document(Action<Utf8JsonWriter> write) => stdout.WriteLine(Write(write, indented: !json));

    /// <summary>Writes one line (people) or one JSON document (scripts).</summary>
    public void Line(string human, Action<Utf8JsonWriter> document)
    {
        if (!json)
        {
            stdout.WriteLine(human);
            return;
        }

        stdout.WriteLine(Write(document, indented: false));
    }

    /// <summary>A JSON text as the CLI writes it (readable non-ASCII, optionally indented).</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder, Indented = indented }))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One readable line on stderr.</summary>
    public void Error(string message) => stderr.WriteLine("kryten: " + message.ReplaceLineEndings(" "));

    public string Paint(string text, ConsoleColor colour) => Colour ? $"\u001b[{AnsiCode(colour)}m{text}\u001b[0m" : text;

    private static int AnsiCode(ConsoleColor colour) => colour switch
    {
        ConsoleColor.DarkGray => 90,
        ConsoleColor.Green => 32,
        ConsoleColor.Yellow => 33,
        ConsoleColor.Cyan => 36,
        ConsoleColor.Magenta => 35,
        ConsoleColor.Red => 31,
        _ => 0,
    };
}
