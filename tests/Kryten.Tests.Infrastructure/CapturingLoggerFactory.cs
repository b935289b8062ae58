using Microsoft.Extensions.Logging;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// Collects every log entry written through it, at every level: as formatted lines (e.g. to search them for secrets)
/// and as <see cref="Entries"/> with category, event id and exception (e.g. to count what a library logs).
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly List<CapturedLogEntry> _entries = [];

    public IReadOnlyList<string> Lines => Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}").ToList();

    public IReadOnlyList<CapturedLogEntry> Entries
    {
        get
        {
            lock (_entries) return _entries.ToList();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(CapturedLogEntry entry)
    {
        lock (_entries) _entries.Add(entry);
    }

    private sealed class Logger(CapturingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The message template, as Microsoft.Extensions.Logging passes it with structured state.
            var template = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string
                : null;
            factory.Add(new CapturedLogEntry(logLevel, category, eventId, template, formatter(state, exception), exception));
        }
    }
}

/// <summary>One captured log entry.</summary>
/// <param name="Template">The message template (<c>{OriginalFormat}</c>) when the state carries one.</param>
public sealed record CapturedLogEntry(LogLevel Level, string Category, EventId EventId, string? Template, string Message, Exception? Exception)
{
    public override string ToString() =>
        $"{Level} {Category} [{EventId.Id} {EventId.Name}] {Message}{(Exception is null ? "" : " ⟨" + Exception.GetType().Name + ": " + Exception.Message + "⟩")}";
}
