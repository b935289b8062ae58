using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Kryten.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// Cacheability assertions over a run with step tracking on: run reasons of named steps, and a walk of
/// every step output for objects that must never be cached (symbols, syntax, compilations, locations).
/// Pass the generator's own tracking-name constants; Roslyn's internal steps (e.g. those of
/// ForAttributeWithMetadataName) legitimately hold syntax and are not checked.
/// </summary>
/// <example>
/// <code>
/// session.Rerun();
/// IncrementalAssert.AllCachedOrUnchanged(session.Output, HandlerStepNames.All);
/// IncrementalAssert.NoForbiddenObjects(session.Output, HandlerStepNames.All);
/// IncrementalAssert.Reasons(session.Output, HandlerStepNames.HandlerClasses).ShouldBe([Cached, Modified]);
/// </code>
/// </example>
public static class IncrementalAssert
{
    private static readonly Type[] ForbiddenTypes =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location)];

    /// <summary>The run reasons of every output of step <paramref name="trackingName"/>, across generators, in order.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorRunOutput output, string trackingName) =>
        Steps(output, trackingName).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    /// <summary>Fails unless every output of every named step is Cached or Unchanged (and each step ran).</summary>
    public static void AllCachedOrUnchanged(GeneratorRunOutput output, IEnumerable<string> trackingNames)
    {
        var problems = new List<string>();
        foreach (var name in trackingNames)
        {
            var steps = Steps(output, name);
            if (steps.Count == 0)
            {
                problems.Add($"step '{name}' did not run (wrong tracking name, or nothing reached it)");
                continue;
            }

            problems.AddRange(steps
                .SelectMany(s => s.Outputs)
                .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                .Select(o => $"step '{name}' output {Describe(o.Value)} was {o.Reason}"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Not cacheable:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>Fails when an output of a named step holds (at any depth) a symbol, syntax, compilation or location.</summary>
    public static void NoForbiddenObjects(GeneratorRunOutput output, IEnumerable<string> trackingNames)
    {
        foreach (var name in trackingNames)
        {
            foreach (var value in Steps(output, name).SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                Walk(value, name, "output", new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }

    private static List<IncrementalGeneratorRunStep> Steps(GeneratorRunOutput output, string trackingName) =>
        output.RunResult.Results
            .SelectMany(r => r.TrackedSteps.TryGetValue(trackingName, out var steps) ? steps : [])
            .ToList();

    private static void Walk(object? node, string step, string path, HashSet<object> visited, int depth)
    {
        const int MaxDepth = 32;
        if (node is null || depth > MaxDepth)
        {
            return;
        }

        var type = node.GetType();
        if (ForbiddenTypes.Any(t => t.IsAssignableFrom(type)))
        {
            throw new InvalidOperationException($"step '{step}' caches a {type.Name} at {path}: models must hold only values");
        }

        if (type.IsPrimitive || type.IsEnum || node is string || node is decimal || (!type.IsValueType && !visited.Add(node)))
        {
            return;
        }

        if (node is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, step, $"{path}[{i++}]", visited, depth + 1);
            }

            return;
        }

        if (!IsWalkable(type))
        {
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(node), step, $"{path}.{field.Name}", visited, depth + 1);
        }
    }

    // Our own models, and the tuples/pairs the pipeline builds from them. Framework and Roslyn value
    // types (TextSpan, DiagnosticDescriptor...) are leaves: the forbidden check above already ran on them.
    private static bool IsWalkable(Type type) =>
        type.Assembly == typeof(Kryten.Sdk.Generators.Common.GeneratedCodeStamp).Assembly
        || (type.IsGenericType && type.Namespace == "System"
            && (type.Name.StartsWith("ValueTuple", StringComparison.Ordinal) || type.Name.StartsWith("Tuple", StringComparison.Ordinal)))
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    private static string Describe(object value)
    {
        var text = value.ToString() ?? value.GetType().Name;
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
