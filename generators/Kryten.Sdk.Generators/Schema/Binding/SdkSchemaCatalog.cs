using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Kryten.Sdk.Generators.Schema.Parsing;

namespace Kryten.Sdk.Generators.Schema.Binding;

/// <summary>
/// The record names of the SDK's own schema, embedded in the generator assembly, so that a user
/// schema can reference SDK types (<c>User</c>, <c>Media</c>, <c>KrytenCommandAck</c>...) by name.
/// Read once per generator load; the SDK schema ships with the generator, so it cannot go stale.
/// </summary>
internal static class SdkSchemaCatalog
{
    private static readonly Lazy<HashSet<string>> LazyNames = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyCollection<string> RecordNames => LazyNames.Value;

    private static HashSet<string> Load()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var assembly = typeof(SdkSchemaCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.EndsWith(".yaml", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource);
            if (stream is null)
            {
                continue;
            }

            using var reader = new StreamReader(stream);
            var file = SchemaFileParser.Parse(resource, reader.ReadToEnd(), CancellationToken.None);
            foreach (var type in file.Types)
            {
                names.Add(type.Name);
            }

            foreach (var evt in file.Events)
            {
                names.Add(evt.Record);
            }
        }

        return names;
    }
}
