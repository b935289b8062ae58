namespace Kryten.Nats.Auth;

/// <summary>
/// Reads a NATS <c>.creds</c> file: a block with the user JWT, then a block with the user NKey seed, each block
/// being a dashed marker line, one token line and a dashed marker line (BEGIN lines have five dashes, END lines six;
/// any run of three or more is accepted). Blank lines, surrounding whitespace and CRLF line ends are tolerated, and
/// without a seed block the first line that starts like a seed (<c>SO</c>, <c>SA</c>, <c>SU</c>) is taken, as the
/// reference parser does.
/// </summary>
/// <remarks>Error messages name what is missing or malformed and never contain the file's tokens.</remarks>
internal static class CredsFileReader
{
    private const int MinimumDashes = 3;

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a valid creds file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NatsUserCredentials Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses creds file text.</summary>
    /// <exception cref="FormatException">The text is not a valid creds file.</exception>
    public static NatsUserCredentials Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        string? jwt = null;
        string? seed = null;
        var index = 0;
        while (seed is null && NextBlock(lines, ref index) is { } token)
        {
            if (jwt is null)
            {
                jwt = token;
            }
            else
            {
                seed = token;
            }
        }

        if (jwt is null)
        {
            throw new FormatException("The creds file has no user JWT block (a dashed BEGIN line, the JWT, a dashed END line).");
        }

        // Like the reference parser, fall back to the first line that looks like a seed when there is no seed block.
        seed ??= FirstSeedLikeLine(lines)
            ?? throw new FormatException("The creds file has no user NKey seed block after the JWT block.");

        if (jwt.Split('.').Length != 3)
        {
            throw new FormatException("The creds file's first block is not a JWT (expected three dot-separated segments).");
        }

        if (!seed.StartsWith("SU", StringComparison.Ordinal))
        {
            throw new FormatException("The creds file's second block is not a user NKey seed (expected it to start with 'SU').");
        }

        return new NatsUserCredentials(jwt, seed);
    }

    /// <summary>Finds the next marker/token/marker block from <paramref name="index"/>; null when there is none.</summary>
    private static string? NextBlock(string[] lines, ref int index)
    {
        while (index < lines.Length)
        {
            if (!IsMarker(lines[index++]))
            {
                continue;
            }

            var tokenLine = SkipBlank(lines, ref index);
            if (tokenLine is null || IsMarker(tokenLine) || !IsToken(tokenLine))
            {
                // A marker not followed by a token line: rescan from the line SkipBlank stopped at.
                continue;
            }

            index++;
            var closing = SkipBlank(lines, ref index);
            if (closing is not null && IsMarker(closing))
            {
                index++;
                return tokenLine;
            }

            // Not closed: not a block; keep scanning from the line after the token.
        }

        return null;
    }

    private static string? FirstSeedLikeLine(string[] lines)
    {
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 2 && trimmed[0] == 'S' && trimmed[1] is 'O' or 'A' or 'U' && IsToken(trimmed))
            {
                return trimmed;
            }
        }

        return null;
    }

    private static string? SkipBlank(string[] lines, ref int index)
    {
        while (index < lines.Length && lines[index].Trim().Length == 0)
        {
            index++;
        }

        return index < lines.Length ? lines[index].Trim() : null;
    }

    private static bool IsMarker(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return trimmed.Length >= 2 * MinimumDashes
            && trimmed[..MinimumDashes].IndexOfAnyExcept('-') < 0
            && trimmed[^MinimumDashes..].IndexOfAnyExcept('-') < 0;
    }

    private static bool IsToken(string line)
    {
        foreach (var c in line)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '='))
            {
                return false;
            }
        }

        return line.Length > 0;
    }
}
