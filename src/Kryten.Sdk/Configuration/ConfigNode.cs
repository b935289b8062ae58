namespace Kryten.Sdk.Configuration;

/// <summary>A format-neutral configuration tree (JSON and YAML both become this), each node knowing its path.</summary>
internal abstract record ConfigNode(string Path);

internal sealed record ConfigMap(string Path, IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries) : ConfigNode(Path);

internal sealed record ConfigList(string Path, IReadOnlyList<ConfigNode> Items) : ConfigNode(Path);

/// <summary>A scalar as text; <see cref="Value"/> is null for JSON <c>null</c> / YAML <c>~</c>.</summary>
internal sealed record ConfigScalar(string Path, string? Value) : ConfigNode(Path);
