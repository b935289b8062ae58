using Kryten.Sdk.Configuration;

namespace Kryten.Sdk;

/// <summary>
/// Loads <see cref="KrytenOptions"/> from JSON or YAML text or files, expanding <c>${VAR}</c> and
/// <c>${VAR:-default}</c> in every value. Unknown keys and malformed values are reported together in one
/// <see cref="KrytenConfigurationException"/> with their paths.
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
    public static KrytenOptions FromJson(string json, Func<string, string?>? environment = null) =>
        new OptionsBinder(environment ?? Environment.GetEnvironmentVariable).Bind(JsonConfigReader.Read(json));

    /// <summary>Loads options from YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="environment">Variable lookup; defaults to the process environment.</param>
    /// <example><code>var options = KrytenOptionsLoader.FromYaml("channels:\n  - { domain: cytu.be, channel: lounge }\n");</code></example>
    public static KrytenOptions FromYaml(string yaml, Func<string, string?>? environment = null) =>
        new OptionsBinder(environment ?? Environment.GetEnvironmentVariable).Bind(YamlConfigReader.Read(yaml));
}
