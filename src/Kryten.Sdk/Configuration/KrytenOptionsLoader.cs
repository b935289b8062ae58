using Kryten.Sdk.Configuration;

namespace Kryten.Sdk;

/// <summary>
/// Loads <see cref="KrytenOptions"/> from JSON or YAML text or files, expanding <c>${VAR}</c> and
/// <c>${VAR:-default}</c> in every value, and validates them. Unknown keys, values of the wrong type and values the
/// rules refuse are reported together in one <see cref="KrytenConfigurationException"/>, each with its path; a file
/// that cannot be parsed at all is one problem that says where.
/// </summary>
/// <example>
/// <code>
/// // kryten.yaml
/// // nats:
/// //   servers: [ "${NATS_URL:-nats://127.0.0.1:4222}" ]
/// //   user: bot
/// //   password: ${NATS_PASSWORD}
/// // channels:
/// //   - { domain: cytu.be, channel: 420Grindhouse }
/// // handlerTimeout: 10s
/// KrytenOptions options = KrytenOptionsLoader.FromFile("kryten.yaml");
/// </code>
/// </example>
public static class KrytenOptionsLoader
{
    /// <summary>Loads a <c>.json</c>, <c>.yaml</c> or <c>.yml</c> file (chosen by extension).</summary>
    /// <param name="path">The file.</param>
    /// <param name="environment">Variable lookup; defaults to the process environment.</param>
    /// <example><code>var options = KrytenOptionsLoader.FromFile("/etc/kryten/bot.json");</code></example>
    public static KrytenOptions FromFile(string path, Func<string, string?>? environment = null)
    {
        if (!File.Exists(path)) throw new KrytenConfigurationException([$"(file): not found: {path}"]);
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => FromJson(text, environment),
            ".yaml" or ".yml" => FromYaml(text, environment),
            var other => throw new KrytenConfigurationException([$"(file): unknown configuration format '{other}' (use .json, .yaml or .yml)"]),
        };
    }

    /// <summary>Loads options from JSON text (comments and trailing commas allowed).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="environment">Variable lookup; defaults to the process environment.</param>
    /// <example><code>var options = KrytenOptionsLoader.FromJson("""{"channels":[{"domain":"cytu.be","channel":"lounge"}]}""");</code></example>
    public static KrytenOptions FromJson(string json, Func<string, string?>? environment = null) => Load(JsonConfigReader.Read(json), environment);

    /// <summary>Loads options from YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="environment">Variable lookup; defaults to the process environment.</param>
    /// <example><code>var options = KrytenOptionsLoader.FromYaml("channels:\n  - { domain: cytu.be, channel: lounge }\n");</code></example>
    public static KrytenOptions FromYaml(string yaml, Func<string, string?>? environment = null) => Load(YamlConfigReader.Read(yaml), environment);

    // Binding reports type errors and unknown keys, validation the rules on values: both run, so one exception lists
    // everything. A value that failed to bind keeps its default, and a rule on that path (or one naming it, like
    // "must be at least nats.reconnectWait") would only repeat or guess, so the binder's problem stands alone.
    internal static KrytenOptions Load(ConfigNode tree, Func<string, string?>? environment)
    {
        var binder = new OptionsBinder(environment ?? Environment.GetEnvironmentVariable);
        var options = binder.Bind(tree);
        var problems = binder.Problems.ToList();
        var failed = problems.Select(p => OptionsBinder.Normalize(Split(p).Path)).ToList();
        // The bound values are already expanded; the validator checks them without expanding again.
        problems.AddRange(OptionsValidator.Problems(options, environment: null).Where(p => !failed.Any(path => Concerns(p, path))));
        if (problems.Count > 0) throw new KrytenConfigurationException(problems);
        return options;
    }

    private static (string Path, string Text) Split(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? ("", problem) : (problem[..colon], problem[(colon + 2)..]);
    }

    // At or under the failed path (channels[0] covers channels[0].domain), or naming it whole in the text.
    private static bool Concerns(string problem, string failed)
    {
        var (path, text) = Split(problem);
        path = OptionsBinder.Normalize(path);
        if (path == failed || path.StartsWith(failed + ".", StringComparison.Ordinal) || path.StartsWith(failed + "[", StringComparison.Ordinal)) return true;
        text = OptionsBinder.Normalize(text);
        for (var at = text.IndexOf(failed, StringComparison.Ordinal); at >= 0; at = text.IndexOf(failed, at + 1, StringComparison.Ordinal))
        {
            var end = at + failed.Length;
            var wholeStart = at == 0 || !(char.IsAsciiLetterOrDigit(text[at - 1]) || text[at - 1] == '.');
            var wholeEnd = end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '[');
            if (wholeStart && wholeEnd) return true;
        }
        return false;
    }
}
