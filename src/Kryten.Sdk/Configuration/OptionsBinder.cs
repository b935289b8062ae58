using System.Globalization;

namespace Kryten.Sdk.Configuration;

/// <summary>
/// Maps a <see cref="ConfigNode"/> tree onto <see cref="KrytenOptions"/> by hand-written key tables (no reflection).
/// Keys match case-insensitively and ignore <c>_</c>/<c>-</c> (<c>handler_timeout</c> = <c>handlerTimeout</c>).
/// Every scalar is expanded for <c>${VAR}</c> first. Type errors and unknown keys are collected in <see cref="Problems"/>
/// with their paths (the value's default is kept), so that the loader can report them together with the validator's.
/// </summary>
internal sealed partial class OptionsBinder(Func<string, string?> environment)
{
    private readonly List<string> _problems = [];

    /// <summary>What <see cref="Bind"/> could not bind, each as <c>path: what is wrong</c>.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public KrytenOptions Bind(ConfigNode root)
    {
        var options = new KrytenOptions();
        foreach (var (key, node) in Entries(root))
        {
            switch (Normalize(key))
            {
                case "nats": BindNats(options.Nats, node); break;
                case "channels": options.Channels = List(node).Select(BindChannel).ToList(); break;
                case "servicename": options.ServiceName = String(node) ?? options.ServiceName; break;
                case "retry": BindRetry(options.Retry, node); break;
                case "handlertimeout": options.HandlerTimeout = Duration(node, options.HandlerTimeout); break;
                case "maxconcurrenthandlers": options.MaxConcurrentHandlers = Int(node, options.MaxConcurrentHandlers); break;
                case "chat": BindChat(options.Chat, node); break;
                case "subjects": BindSubjects(options.Subjects, node); break;
                case "commandtimeout": options.CommandTimeout = Duration(node, options.CommandTimeout); break;
                case "draintimeout": options.DrainTimeout = Duration(node, options.DrainTimeout); break;
                case "maxmessagebytes": options.MaxMessageBytes = Int(node, options.MaxMessageBytes); break;
                case "maxjsondepth": options.MaxJsonDepth = Int(node, options.MaxJsonDepth); break;
                case "maxpendingevents": options.MaxPendingEvents = Int(node, options.MaxPendingEvents); break;
                case "delivery": BindDelivery(options.Delivery, node); break;
                case "state": BindState(options.State, node); break;
                case "handleshutdownsignals": options.HandleShutdownSignals = Bool(node, options.HandleShutdownSignals); break;
                case "service": options.Service = BindService(node); break;
                case "skipbacklog": options.SkipBacklog = Bool(node, options.SkipBacklog); break;
                default: Unknown(node); break;
            }
        }
        return options;
    }

    private void BindNats(KrytenNatsOptions nats, ConfigNode node)
    {
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "servers": nats.Servers = value is ConfigScalar ? [String(value) ?? ""] : List(value).Select(v => String(v) ?? "").ToList(); break;
                case "url": nats.Servers = [String(value) ?? ""]; break;
                case "name": nats.Name = String(value); break;
                case "user" or "username": nats.User = String(value); break;
                case "password": nats.Password = String(value); break;
                case "token": nats.Token = String(value); break;
                case "nkeyseed" or "nkey": nats.NKeySeed = String(value); break;
                case "credsfile" or "credentials": nats.CredsFile = String(value); break;
                case "tlscafile": nats.TlsCaFile = String(value); break;
                case "tlscertfile": nats.TlsCertFile = String(value); break;
                case "tlskeyfile": nats.TlsKeyFile = String(value); break;
                case "connecttimeout": nats.ConnectTimeout = Duration(value, nats.ConnectTimeout); break;
                case "connectattempts": nats.ConnectAttempts = Int(value, nats.ConnectAttempts); break;
                case "reconnectwait": nats.ReconnectWait = Duration(value, nats.ReconnectWait); break;
                case "maxreconnectwait": nats.MaxReconnectWait = Duration(value, nats.MaxReconnectWait); break;
                case "reconnectjitter": nats.ReconnectJitter = Duration(value, nats.ReconnectJitter); break;
                case "maxreconnectattempts": nats.MaxReconnectAttempts = Int(value, nats.MaxReconnectAttempts); break;
                case "reconnectbuffertimeout": nats.ReconnectBufferTimeout = Duration(value, nats.ReconnectBufferTimeout); break;
                case "pinginterval": nats.PingInterval = Duration(value, nats.PingInterval); break;
                default: Unknown(value); break;
            }
        }
    }

    private KrytenChannelOptions BindChannel(ConfigNode node)
    {
        var channel = new KrytenChannelOptions();
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "domain": channel.Domain = String(value) ?? ""; break;
                case "channel" or "name": channel.Channel = String(value) ?? ""; break;
                default: Unknown(value); break;
            }
        }
        return channel;
    }

    private void BindRetry(KrytenRetryOptions retry, ConfigNode node)
    {
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "attempts": retry.Attempts = Int(value, retry.Attempts); break;
                case "delay": retry.Delay = Duration(value, retry.Delay); break;
                case "maxdelay": retry.MaxDelay = Duration(value, retry.MaxDelay); break;
                case "jitter": retry.Jitter = Double(value, retry.Jitter); break;
                default: Unknown(value); break;
            }
        }
    }

    private void BindChat(KrytenChatOptions chat, ConfigNode node)
    {
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "maxlength": chat.MaxLength = Int(value, chat.MaxLength); break;
                case "burst": chat.Burst = Int(value, chat.Burst); break;
                case "sustained": chat.Sustained = Double(value, chat.Sustained); break;
                case "pacing": chat.Pacing = Bool(value, chat.Pacing); break;
                case "maxqueued": chat.MaxQueued = Int(value, chat.MaxQueued); break;
                default: Unknown(value); break;
            }
        }
    }

    private void BindSubjects(KrytenSubjectOptions subjects, ConfigNode node)
    {
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "layout":
                    var text = String(value);
                    if (string.Equals(text, "current", StringComparison.OrdinalIgnoreCase)) subjects.Layout = KrytenSubjectLayout.Current;
                    else if (string.Equals(text, "legacy", StringComparison.OrdinalIgnoreCase)) subjects.Layout = KrytenSubjectLayout.Legacy;
                    else _problems.Add($"{value.Path}: expected 'current' or 'legacy'");
                    break;
                case "eventprefix": subjects.EventPrefix = String(value) ?? ""; break;
                case "legacyeventprefix": subjects.LegacyEventPrefix = String(value) ?? ""; break;
                case "commandsubject": subjects.CommandSubject = String(value) ?? ""; break;
                default: Unknown(value); break;
            }
        }
    }

    private void BindDelivery(KrytenDeliveryOptions delivery, ConfigNode node)
    {
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "mode": delivery.Mode = Enum(value, delivery.Mode); break;
                case "durable": delivery.Durable = String(value); break;
                case "stream": delivery.Stream = String(value) ?? ""; break;
                case "createstream": delivery.CreateStream = Bool(value, delivery.CreateStream); break;
                case "retention": delivery.Retention = Enum(value, delivery.Retention); break;
                case "maxage": delivery.MaxAge = Duration(value, delivery.MaxAge); break;
                case "storage": delivery.Storage = Enum(value, delivery.Storage); break;
                case "maxdeliveries": delivery.MaxDeliveries = Int(value, delivery.MaxDeliveries); break;
                case "ackwait": delivery.AckWait = Duration(value, delivery.AckWait); break;
                case "backoff": delivery.Backoff = List(value).Select(v => Duration(v, TimeSpan.Zero)).ToList(); break;
                case "duplicatewindow": delivery.DuplicateWindow = Duration(value, delivery.DuplicateWindow); break;
                default: Unknown(value); break;
            }
        }
    }

    private void BindState(KrytenStateOptions state, ConfigNode node)
    {
        foreach (var (key, value) in Entries(node))
        {
            switch (Normalize(key))
            {
                case "enabled": state.Enabled = Bool(value, state.Enabled); break;
                case "retryinterval": state.RetryInterval = Duration(value, state.RetryInterval); break;
                case "readtimeout": state.ReadTimeout = Duration(value, state.ReadTimeout); break;
                default: Unknown(value); break;
            }
        }
    }

    private T Enum<T>(ConfigNode node, T fallback) where T : struct, Enum
    {
        var text = String(node);
        if (text is not null && System.Enum.TryParse<T>(Normalize(text), ignoreCase: true, out var value) && System.Enum.IsDefined(value)) return value;
        _problems.Add($"{node.Path}: expected one of {string.Join(", ", System.Enum.GetNames<T>())}, got '{text}'");
        return fallback;
    }

    /// <summary>How keys match (and paths compare in the loader): <c>connect_timeout</c> is <c>connectTimeout</c>.</summary>
    internal static string Normalize(string key) => key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries(ConfigNode node)
    {
        if (node is ConfigMap map) return map.Entries;
        if (node is not ConfigScalar { Value: null }) _problems.Add($"{Where(node)}: expected a mapping");
        return [];
    }

    private IReadOnlyList<ConfigNode> List(ConfigNode node)
    {
        if (node is ConfigList list) return list.Items;
        if (node is not ConfigScalar { Value: null }) _problems.Add($"{Where(node)}: expected a list");
        return [];
    }

    private string? String(ConfigNode node)
    {
        if (node is ConfigScalar scalar) return EnvironmentSubstitution.Expand(scalar.Value, node.Path, environment, _problems);
        _problems.Add($"{node.Path}: expected a value, not a {(node is ConfigMap ? "mapping" : "list")}");
        return null;
    }

    private int Int(ConfigNode node, int fallback)
    {
        var text = String(node);
        if (text is not null && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        _problems.Add($"{node.Path}: expected an integer, got '{text}'");
        return fallback;
    }

    private double Double(ConfigNode node, double fallback)
    {
        var text = String(node);
        if (text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        _problems.Add($"{node.Path}: expected a number, got '{text}'");
        return fallback;
    }

    private bool Bool(ConfigNode node, bool fallback)
    {
        var text = String(node);
        if (bool.TryParse(text, out var value)) return value;
        _problems.Add($"{node.Path}: expected true or false, got '{text}'");
        return fallback;
    }

    private TimeSpan Duration(ConfigNode node, TimeSpan fallback)
    {
        var text = String(node);
        if (text is not null && KrytenDuration.TryParse(text, out var value)) return value;
        _problems.Add($"{node.Path}: expected a duration (seconds, or like 500ms, 30s, 2m, 1h, 00:00:30), got '{text}'");
        return fallback;
    }

    private void Unknown(ConfigNode node) => _problems.Add($"{node.Path}: unknown key");

    private static string Where(ConfigNode node) => node.Path.Length == 0 ? "(root)" : node.Path;
}
