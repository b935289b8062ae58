namespace Kryten.Nats.Internal;

/// <summary>Subject rules from the NATS docs: dot-separated non-empty tokens, no whitespace, whole-token wildcards.</summary>
internal static class SubjectValidator
{
    /// <exception cref="ArgumentException">The subject cannot be published to.</exception>
    public static void ValidatePublish(string subject, string paramName = "subject")
    {
        Validate(subject, paramName, allowWildcards: false);
    }

    /// <exception cref="ArgumentException">The subject cannot be subscribed to.</exception>
    public static void ValidateSubscribe(string subject, string paramName = "subject")
    {
        Validate(subject, paramName, allowWildcards: true);
    }

    /// <exception cref="ArgumentException">The queue group name is not a single token.</exception>
    public static void ValidateQueueGroup(string queueGroup)
    {
        if (queueGroup.Length == 0) throw new ArgumentException("queue group must not be empty", nameof(queueGroup));
        foreach (var c in queueGroup)
        {
            if (char.IsWhiteSpace(c) || c is '*' or '>')
                throw new ArgumentException($"queue group '{queueGroup}' must not contain whitespace or wildcards", nameof(queueGroup));
        }
    }

    private static void Validate(string subject, string paramName, bool allowWildcards)
    {
        ArgumentNullException.ThrowIfNull(subject, paramName);
        if (subject.Length == 0) throw new ArgumentException("subject must not be empty", paramName);
        var tokenStart = 0;
        for (var i = 0; i <= subject.Length; i++)
        {
            if (i < subject.Length && subject[i] != '.')
            {
                var c = subject[i];
                if (char.IsWhiteSpace(c) || c == '\0')
                    throw new ArgumentException($"subject '{subject}' contains whitespace at position {i}", paramName);
                continue;
            }
            var token = subject.AsSpan(tokenStart, i - tokenStart);
            if (token.Length == 0)
                throw new ArgumentException($"subject '{subject}' has an empty token (leading, trailing or double '.')", paramName);
            var hasWildcardChar = token.IndexOfAny('*', '>') >= 0;
            if (hasWildcardChar)
            {
                if (!allowWildcards)
                    throw new ArgumentException($"subject '{subject}' contains a wildcard; publish subjects must be literal", paramName);
                if (token.Length != 1)
                    throw new ArgumentException($"subject '{subject}': wildcards '*' and '>' must be a whole token", paramName);
                if (token[0] == '>' && i != subject.Length)
                    throw new ArgumentException($"subject '{subject}': '>' must be the last token", paramName);
            }
            tokenStart = i + 1;
        }
    }
}
