namespace Kryten.Sdk.Configuration;

/// <summary>
/// Every rule on option values. Runs at client creation, after expanding <c>${VAR}</c> in every string (options built
/// in code get the same substitution as files), and when a file is loaded (its values already expanded by the binder).
/// Collects every problem with its path.
/// </summary>
internal static partial class OptionsValidator
{
    /// <summary>Expands and checks the options; throws one <see cref="KrytenConfigurationException"/> listing every problem.</summary>
    public static void ResolveAndValidate(KrytenOptions o, Func<string, string?> environment)
    {
        var problems = Problems(o, environment);
        if (problems.Count > 0) throw new KrytenConfigurationException(problems);
    }

    /// <summary>The options' problems; with an <paramref name="environment"/>, strings are expanded in place first.</summary>
    public static List<string> Problems(KrytenOptions o, Func<string, string?>? environment)
    {
        var problems = new List<string>();
        string? Expand(string? value, string path) => environment is null ? value : EnvironmentSubstitution.Expand(value, path, environment, problems);

        var n = o.Nats;
        if (n.Servers.Count == 0) problems.Add("nats.servers: at least one server is required");
        for (var i = 0; i < n.Servers.Count; i++)
        {
            var url = Expand(n.Servers[i], $"nats.servers[{i}]") ?? "";
            n.Servers[i] = url;
            if (NatsServerUrl.Problem(url) is { } problem) problems.Add($"nats.servers[{i}]: {problem}");
        }
        n.Name = Expand(n.Name, "nats.name");
        n.User = Expand(n.User, "nats.user");
        n.Password = Expand(n.Password, "nats.password");
        n.Token = Expand(n.Token, "nats.token");
        n.NKeySeed = Expand(n.NKeySeed, "nats.nkeySeed");
        n.CredsFile = Expand(n.CredsFile, "nats.credsFile");
        n.TlsCaFile = Expand(n.TlsCaFile, "nats.tlsCaFile");
        n.TlsCertFile = Expand(n.TlsCertFile, "nats.tlsCertFile");
        n.TlsKeyFile = Expand(n.TlsKeyFile, "nats.tlsKeyFile");
        if (!string.IsNullOrEmpty(n.Password) && string.IsNullOrEmpty(n.User)) problems.Add("nats.password: set without nats.user");
        var methods = new[] { !string.IsNullOrEmpty(n.User), !string.IsNullOrEmpty(n.Token), !string.IsNullOrEmpty(n.NKeySeed), !string.IsNullOrEmpty(n.CredsFile) }.Count(x => x);
        if (methods > 1) problems.Add("nats: choose one of user/password, token, nkeySeed, credsFile");
        if (!string.IsNullOrEmpty(n.NKeySeed) && !n.NKeySeed.StartsWith("SU", StringComparison.Ordinal)) problems.Add("nats.nkeySeed: not a user NKey seed (expected SU...)");
        if (!string.IsNullOrEmpty(n.CredsFile) && !File.Exists(n.CredsFile)) problems.Add($"nats.credsFile: file not found: {n.CredsFile}");
        if (!string.IsNullOrEmpty(n.TlsCaFile) && !File.Exists(n.TlsCaFile)) problems.Add($"nats.tlsCaFile: file not found: {n.TlsCaFile}");
        if (string.IsNullOrEmpty(n.TlsCertFile) != string.IsNullOrEmpty(n.TlsKeyFile)) problems.Add("nats.tlsCertFile: tlsCertFile and tlsKeyFile go together");
        Positive(n.ConnectTimeout, "nats.connectTimeout", problems);
        if (n.ConnectAttempts < 1) problems.Add("nats.connectAttempts: must be at least 1");
        if (n.ReconnectWait < TimeSpan.Zero) problems.Add("nats.reconnectWait: must not be negative");
        if (n.MaxReconnectWait < n.ReconnectWait) problems.Add("nats.maxReconnectWait: must be at least nats.reconnectWait");
        if (n.ReconnectJitter < TimeSpan.Zero) problems.Add("nats.reconnectJitter: must not be negative");
        if (n.MaxReconnectAttempts is < -1 or 0) problems.Add("nats.maxReconnectAttempts: -1 (forever) or a count of at least 1");
        if (n.ReconnectBufferTimeout <= TimeSpan.Zero && n.ReconnectBufferTimeout != Timeout.InfiniteTimeSpan) problems.Add("nats.reconnectBufferTimeout: must be positive, or infinite");
        Positive(n.PingInterval, "nats.pingInterval", problems);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < o.Channels.Count; i++)
        {
            var c = o.Channels[i];
            c.Domain = Expand(c.Domain, $"channels[{i}].domain")?.Trim() ?? "";
            c.Channel = Expand(c.Channel, $"channels[{i}].channel")?.Trim() ?? "";
            if (c.Domain.Length == 0) problems.Add($"channels[{i}].domain: required");
            var token = KrytenSubjects.Normalize(c.Channel);
            if (c.Channel.Length == 0) problems.Add($"channels[{i}].channel: required");
            else if (!KrytenSubjects.IsValidNatsToken(token)) problems.Add($"channels[{i}].channel: '{c.Channel}' normalizes to '{token}', not a valid NATS subject token");
            else if (!seen.Add(c.Domain.ToLowerInvariant() + "/" + token)) problems.Add($"channels[{i}]: duplicate of an earlier channel ({c.Domain}/{c.Channel})");
        }

        o.ServiceName = Expand(o.ServiceName, "serviceName") ?? "";
        if (o.ServiceName.Length == 0) problems.Add("serviceName: required");
        if (o.Retry.Attempts < 0) problems.Add("retry.attempts: must not be negative");
        if (o.Retry.Delay < TimeSpan.Zero) problems.Add("retry.delay: must not be negative");
        if (o.Retry.MaxDelay < o.Retry.Delay) problems.Add("retry.maxDelay: must be at least retry.delay");
        if (o.Retry.Jitter is < 0 or > 1 || double.IsNaN(o.Retry.Jitter)) problems.Add("retry.jitter: must be between 0 and 1");
        Positive(o.HandlerTimeout, "handlerTimeout", problems);
        if (o.MaxConcurrentHandlers < 1) problems.Add("maxConcurrentHandlers: must be at least 1");
        if (o.Chat.MaxLength is < 1 or > 1000) problems.Add("chat.maxLength: from 1 to 1000 (CyTube's limit is 320 unless the server raises it, to at most 1000)");
        if (o.Chat.Burst < 1) problems.Add("chat.burst: must be at least 1");
        if (!(o.Chat.Sustained is >= 0.001 and <= 1000)) problems.Add("chat.sustained: messages a second, from 0.001 to 1000");
        if (o.Chat.MaxQueued < 1) problems.Add("chat.maxQueued: must be at least 1");
        o.Subjects.EventPrefix = Expand(o.Subjects.EventPrefix, "subjects.eventPrefix") ?? "";
        o.Subjects.LegacyEventPrefix = Expand(o.Subjects.LegacyEventPrefix, "subjects.legacyEventPrefix") ?? "";
        o.Subjects.CommandSubject = Expand(o.Subjects.CommandSubject, "subjects.commandSubject") ?? "";
        Subject(o.Subjects.EventPrefix, "subjects.eventPrefix", problems);
        Subject(o.Subjects.LegacyEventPrefix, "subjects.legacyEventPrefix", problems);
        Subject(o.Subjects.CommandSubject, "subjects.commandSubject", problems);
        Positive(o.CommandTimeout, "commandTimeout", problems);
        if (o.DrainTimeout < TimeSpan.Zero) problems.Add("drainTimeout: must not be negative");
        if (o.MaxMessageBytes < 1024) problems.Add("maxMessageBytes: must be at least 1024");
        if (o.MaxJsonDepth is < 8 or > 1024) problems.Add("maxJsonDepth: must be between 8 and 1024");
        if (o.MaxPendingEvents < 1) problems.Add("maxPendingEvents: must be at least 1");
        ValidateDelivery(o, Expand, problems);
        Positive(o.State.RetryInterval, "state.retryInterval", problems);
        Positive(o.State.ReadTimeout, "state.readTimeout", problems);
        ValidateService(o.Service, Expand, problems);
        return problems;
    }

    private static void ValidateDelivery(KrytenOptions o, Func<string?, string, string?> expand, List<string> problems)
    {
        var d = o.Delivery;
        d.Durable = expand(d.Durable, "delivery.durable");
        d.Stream = expand(d.Stream, "delivery.stream") ?? "";
        if (d.Mode != KrytenDelivery.AtLeastOnce) return;
        if (string.IsNullOrEmpty(d.Durable)) problems.Add("delivery.durable: required for atLeastOnce (the durable consumer's name)");
        else if (!IsJetStreamName(d.Durable)) problems.Add($"delivery.durable: '{d.Durable}' is not a valid consumer name (letters, digits, - and _)");
        if (!IsJetStreamName(d.Stream)) problems.Add($"delivery.stream: '{d.Stream}' is not a valid stream name (letters, digits, - and _)");
        if (o.Channels.Count == 0) problems.Add("delivery: atLeastOnce needs at least one channel to capture");
        if (d.MaxDeliveries < 1) problems.Add("delivery.maxDeliveries: must be at least 1");
        if (d.AckWait <= o.HandlerTimeout) problems.Add($"delivery.ackWait: must exceed handlerTimeout ({o.HandlerTimeout}), or JetStream redelivers events whose handlers are still running");
        if (d.MaxAge <= TimeSpan.Zero) problems.Add("delivery.maxAge: must be positive");
        if (d.Backoff.Count == 0 || d.Backoff.Any(b => b < TimeSpan.Zero)) problems.Add("delivery.backoff: at least one wait, none negative");
        if (d.DuplicateWindow < TimeSpan.Zero) problems.Add("delivery.duplicateWindow: must not be negative");
    }

    private static bool IsJetStreamName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void Positive(TimeSpan value, string path, List<string> problems)
    {
        if (value <= TimeSpan.Zero) problems.Add($"{path}: must be positive");
    }

    private static void Subject(string subject, string path, List<string> problems)
    {
        if (subject.Length == 0 || subject.Split('.').Any(t => !KrytenSubjects.IsValidNatsToken(t)))
        {
            problems.Add($"{path}: '{subject}' is not a valid NATS subject without wildcards");
        }
    }
}
