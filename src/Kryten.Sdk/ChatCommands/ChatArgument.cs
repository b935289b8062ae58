using System.Globalization;
using Kryten.Sdk.Configuration;

namespace Kryten.Sdk.ChatCommands;

/// <summary>
/// A chat command's argument that could not be read: missing, extra, or not of its type. The router answers it with
/// <see cref="Exception.Message"/> and the command's usage line; the command does not run.
/// </summary>
/// <example><code>throw new ChatArgumentException("sides", "sides: 'x' is not a whole number");</code></example>
public sealed class ChatArgumentException : KrytenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="argument">The parameter that could not be read.</param>
    /// <param name="message">A short sentence for the sender.</param>
    public ChatArgumentException(string argument, string message) : base(message) => Argument = argument;

    /// <summary>The parameter that could not be read.</summary>
    public string Argument { get; }
}

/// <summary>
/// Reads chat command arguments from a <see cref="ChatCommandLine"/>: what the generated command dispatch calls, one
/// method per supported type. Numbers are read in the invariant culture; each failure throws
/// <see cref="ChatArgumentException"/> with a short message naming the parameter.
/// </summary>
/// <example>
/// <code>
/// ChatCommandLine.TryRead("!repeat 3 hi", "!", out var line, out _);
/// int times = ChatArgument.Int32(line!, 0, "times");   // 3
/// </code>
/// </example>
public static class ChatArgument
{
    /// <summary>Argument <paramref name="index"/> as typed; throws when it is missing.</summary>
    /// <param name="line">The command line.</param>
    /// <param name="index">The argument's position.</param>
    /// <param name="name">The parameter's name, for the message.</param>
    /// <returns>The argument.</returns>
    public static string Text(ChatCommandLine line, int index, string name)
    {
        ArgumentNullException.ThrowIfNull(line);
        return index < line.Arguments.Count ? line.Arguments[index] : throw new ChatArgumentException(name, $"{name} is missing");
    }

    /// <summary>The rest of the line from argument <paramref name="index"/> (<see cref="ChatCommandLine.Rest"/>); throws when it is empty.</summary>
    /// <inheritdoc cref="Text"/>
    public static string Rest(ChatCommandLine line, int index, string name)
    {
        ArgumentNullException.ThrowIfNull(line);
        var rest = line.Rest(index);
        return rest.Length > 0 ? rest : throw new ChatArgumentException(name, $"{name} is missing");
    }

    /// <summary>Throws when the line has more than <paramref name="count"/> arguments.</summary>
    /// <param name="line">The command line.</param>
    /// <param name="count">How many the command takes.</param>
    public static void NoMoreThan(ChatCommandLine line, int count)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Arguments.Count > count) throw new ChatArgumentException(string.Empty, $"too many arguments ('{line.Arguments[count]}')");
    }

    /// <summary>A whole number (<see cref="int"/>).</summary>
    /// <inheritdoc cref="Text"/>
    public static int Int32(ChatCommandLine line, int index, string name) =>
        int.TryParse(Text(line, index, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(line, index, name, "is not a whole number");

    /// <summary>A whole number (<see cref="long"/>).</summary>
    /// <inheritdoc cref="Text"/>
    public static long Int64(ChatCommandLine line, int index, string name) =>
        long.TryParse(Text(line, index, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(line, index, name, "is not a whole number");

    /// <summary>A finite number such as <c>2.5</c>.</summary>
    /// <inheritdoc cref="Text"/>
    public static double Double(ChatCommandLine line, int index, string name) =>
        double.TryParse(Text(line, index, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Invalid(line, index, name, "is not a number");

    /// <summary><c>true</c>/<c>yes</c>/<c>on</c>/<c>1</c> or <c>false</c>/<c>no</c>/<c>off</c>/<c>0</c>, in any case.</summary>
    /// <inheritdoc cref="Text"/>
    public static bool Boolean(ChatCommandLine line, int index, string name) =>
        Text(line, index, name).ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw Invalid(line, index, name, "is not yes or no"),
        };

    /// <summary>
    /// A duration as in configuration files: seconds (<c>90</c>), a number with <c>ms</c>/<c>s</c>/<c>m</c>/<c>h</c>
    /// (<c>5m</c>), or <c>hh:mm:ss</c>; not negative, not infinite.
    /// </summary>
    /// <inheritdoc cref="Text"/>
    public static TimeSpan Duration(ChatCommandLine line, int index, string name) =>
        KrytenDuration.TryParse(Text(line, index, name), out var value) && value >= TimeSpan.Zero
            ? value
            : throw Invalid(line, index, name, "is not a duration such as 90, 30s, 5m or 1:30:00");

    /// <summary>A value of a type that parses itself (<see cref="IParsable{TSelf}"/>), in the invariant culture.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <inheritdoc cref="Text"/>
    public static T Parsable<T>(ChatCommandLine line, int index, string name) where T : IParsable<T> =>
        T.TryParse(Text(line, index, name), CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(line, index, name, "is not valid");

    /// <summary>The error for an enum argument that names none of its values (generated enum parsing throws it).</summary>
    /// <param name="line">The command line.</param>
    /// <param name="index">The argument's position.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="choices">The accepted names, comma-separated.</param>
    /// <returns>The exception to throw.</returns>
    public static ChatArgumentException NotOneOf(ChatCommandLine line, int index, string name, string choices) =>
        Invalid(line, index, name, "is not one of " + choices);

    private static ChatArgumentException Invalid(ChatCommandLine line, int index, string name, string problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new ChatArgumentException(name, $"{name}: '{line.Arguments[index]}' {problem}");
    }
}
