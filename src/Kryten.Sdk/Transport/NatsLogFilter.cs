using System.Collections;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Kryten.Sdk.Transport;

/// <summary>
/// The user's <see cref="ILoggerFactory"/> as the client's own NATS.Net connection gets it, changing only how NATS.Net
/// reports a failed connection attempt: one line without a stack trace, and the full entry with its exception at Debug.
/// Every other NATS.Net entry passes through untouched.
/// </summary>
/// <remarks>
/// NATS.Net 3.3.2 logs these with the exception, so a console logger prints a stack trace for every attempt, all under
/// category <c>NATS.Client.Core.NatsConnection</c> and event 1001 (<see cref="NatsLogEvents.Connection"/>):
/// <list type="bullet">
/// <item><c>Fail to connect NATS {Url}</c> at Error, once per server on each first-connect attempt. The client already
/// logs each attempt as one warning (<c>NATS connect attempt 1/3 failed: ...</c>), also when the TLS handshake or the
/// credentials fail, which NATS.Net does not log here; so this entry only goes to Debug.</item>
/// <item><c>Failed to connect NATS {Url} [{ReconnectCount}]</c> at Warning, once per server on each reconnect attempt:
/// kept at Warning as one line ending in the reason.</item>
/// <item><c>Retry loop stopped and connection state is invalid [{ReconnectCount}]</c> at Error, when reconnecting gives
/// up: kept at Error as one line ending in the reason.</item>
/// </list>
/// Matched by category, event id and message template (<c>{OriginalFormat}</c>), not by wording: if NATS.Net changes
/// them, its entries pass through as they are (and <c>ConnectionLoggingTests</c> fails).
/// </remarks>
internal sealed class NatsLogFilter(ILoggerFactory inner) : ILoggerFactory
{
    private const string FirstConnectFailed = "Fail to connect NATS {Url}";
    private const string ReconnectFailed = "Failed to connect NATS {Url} [{ReconnectCount}]";
    private const string ReconnectGaveUp = "Retry loop stopped and connection state is invalid [{ReconnectCount}]";

    // NATS.Net creates it with CreateLogger<NatsConnection>(), whose category is the type's full name.
    private static readonly string ConnectionCategory = typeof(NatsConnection).FullName!;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == ConnectionCategory ? new ConnectionLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The factory is the user's: they dispose it.
    public void Dispose()
    {
    }

    private sealed class ConnectionLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var template = exception is not null && eventId.Id == NatsLogEvents.Connection.Id ? Template(state) : null;
            if (template is not (FirstConnectFailed or ReconnectFailed or ReconnectGaveUp))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            LogLevel? oneLine = template switch
            {
                ReconnectFailed => LogLevel.Warning,
                ReconnectGaveUp => LogLevel.Error,
                _ => null,   // the first connect: the client's own warning is the line
            };
            if (oneLine is { } level && inner.IsEnabled(level))
            {
                var line = new WithReason((IReadOnlyList<KeyValuePair<string, object?>>)state!, formatter(state, null), NatsErrors.Explain(exception!));
                inner.Log(level, eventId, line, null, static (s, _) => s.ToString());
            }
            inner.Log(LogLevel.Debug, eventId, state, exception, formatter);
        }

        private static string? Template<TState>(TState state) =>
            state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string
                : null;
    }

    /// <summary>NATS.Net's entry with the exception's explanation as one more property, <c>{Reason}</c>, ending the line.</summary>
    private sealed class WithReason : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values;
        private readonly string _message;

        public WithReason(IReadOnlyList<KeyValuePair<string, object?>> values, string message, string reason)
        {
            _values = values.Where(v => v.Key != "{OriginalFormat}").ToList();
            _values.Add(new("Reason", reason));
            _values.Add(new("{OriginalFormat}", $"{values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value}: {{Reason}}"));
            _message = $"{message}: {reason}";
        }

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _message;
    }
}
