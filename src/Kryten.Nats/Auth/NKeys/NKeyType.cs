namespace Kryten.Nats.Auth;

/// <summary>
/// The role an NKey plays. Each value is the key's one-byte prefix, chosen by the NKeys format so
/// that base32 renders it as the key's leading letter (U, A, O, N, C).
/// </summary>
internal enum NKeyType : byte
{
    /// <summary>An account key, rendered with a leading <c>A</c>.</summary>
    Account = 0,

    /// <summary>A cluster key, rendered with a leading <c>C</c>.</summary>
    Cluster = 2 << 3,

    /// <summary>A server key, rendered with a leading <c>N</c>.</summary>
    Server = 13 << 3,

    /// <summary>An operator key, rendered with a leading <c>O</c>.</summary>
    Operator = 14 << 3,

    /// <summary>A user key, rendered with a leading <c>U</c>.</summary>
    User = 20 << 3,
}
