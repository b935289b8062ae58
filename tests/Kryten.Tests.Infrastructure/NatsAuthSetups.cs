using NATS.NKeys;

namespace Kryten.Tests.Infrastructure;

/// <summary>The ways a nats-server can authenticate clients that the SDK supports.</summary>
public enum NatsAuthMode
{
    UserPassword,
    Token,
    NKey,
    /// <summary>Decentralized auth: operator, system account, a JetStream-enabled account and a user in a creds file.</summary>
    Operator,
}

/// <summary>
/// What a client presents to a server; only the members its mode uses are set. Plain strings, so SDK options and
/// NATS.Net options can both be filled from it.
/// </summary>
public sealed record NatsClientCredentials
{
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }
    /// <summary>The user's public key; NATS.Net sends it as <c>nkey</c> beside the nonce signature.</summary>
    public string? NKeyPublicKey { get; init; }
    public string? NKeySeed { get; init; }
    public string? CredsFile { get; init; }

    /// <summary>Keeps secrets out of test output and assertion messages.</summary>
    public override string ToString() =>
        $"{nameof(NatsClientCredentials)} {{ Username = {Username}, NKeyPublicKey = {NKeyPublicKey}, CredsFile = {CredsFile} }}";
}

/// <summary>
/// A server configuration fragment (for <see cref="NatsServerProcess.StartAsync"/>'s <c>extraConfig</c>) and the
/// credentials it accepts, plus credentials of the same kind that it refuses.
/// </summary>
public sealed record NatsAuthSetup(
    NatsAuthMode Mode, string ServerConfig, NatsClientCredentials Credentials, NatsClientCredentials WrongCredentials)
{
    public override string ToString() => Mode.ToString();
}

/// <summary>
/// A ready <see cref="NatsAuthSetup"/> per <see cref="NatsAuthMode"/>. Every call makes fresh secrets and keys, so
/// tests never share them.
/// </summary>
public static class NatsAuthSetups
{
    public const string Username = "kryten-bot";

    /// <param name="directory">Where the operator mode writes its creds files; the other modes write nothing.</param>
    public static NatsAuthSetup Create(NatsAuthMode mode, string directory) => mode switch
    {
        NatsAuthMode.UserPassword => UserPassword(),
        NatsAuthMode.Token => Token(),
        NatsAuthMode.NKey => NKey(),
        NatsAuthMode.Operator => Operator(directory),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static NatsAuthSetup UserPassword()
    {
        var password = Secret("pw");
        return new NatsAuthSetup(
            NatsAuthMode.UserPassword,
            $"authorization {{ user: {Username}, password: \"{password}\" }}",
            new NatsClientCredentials { Username = Username, Password = password },
            new NatsClientCredentials { Username = Username, Password = Secret("wrong-pw") });
    }

    public static NatsAuthSetup Token()
    {
        var token = Secret("token");
        return new NatsAuthSetup(
            NatsAuthMode.Token,
            $"authorization {{ token: \"{token}\" }}",
            new NatsClientCredentials { Token = token },
            new NatsClientCredentials { Token = Secret("wrong-token") });
    }

    /// <summary>The server lists the user's public key; the wrong credentials are another user's key pair.</summary>
    public static NatsAuthSetup NKey()
    {
        var user = NKeyIdentity.Create(PrefixByte.User);
        var stranger = NKeyIdentity.Create(PrefixByte.User);
        return new NatsAuthSetup(
            NatsAuthMode.NKey,
            $"authorization {{ users: [ {{ nkey: {user.PublicKey} }} ] }}",
            new NatsClientCredentials { NKeyPublicKey = user.PublicKey, NKeySeed = user.Seed },
            new NatsClientCredentials { NKeyPublicKey = stranger.PublicKey, NKeySeed = stranger.Seed });
    }

    /// <summary>
    /// Operator mode as nats-server 2.9 needs it for JetStream: a system account (named by <c>system_account</c>)
    /// and an application account whose JWT grants JetStream storage, both preloaded into the memory resolver. Start
    /// the server with <c>jetStream: true</c> to use JetStream. The wrong creds file holds a user of an account the
    /// operator signed but the server was never given.
    /// </summary>
    public static NatsAuthSetup Operator(string directory)
    {
        var operatorKey = NKeyIdentity.Create(PrefixByte.Operator);
        var systemAccount = NKeyIdentity.Create(PrefixByte.Account);
        var account = NKeyIdentity.Create(PrefixByte.Account);
        var unknownAccount = NKeyIdentity.Create(PrefixByte.Account);

        var serverConfig = $$"""
            operator: {{NatsJwtIssuer.Operator(operatorKey, systemAccount)}}
            system_account: {{systemAccount.PublicKey}}
            resolver: MEMORY
            resolver_preload: {
              {{systemAccount.PublicKey}}: {{NatsJwtIssuer.Account(systemAccount, operatorKey, "SYS", jetStream: false)}}
              {{account.PublicKey}}: {{NatsJwtIssuer.Account(account, operatorKey, "KRYTEN", jetStream: true)}}
            }
            """;
        return new NatsAuthSetup(
            NatsAuthMode.Operator,
            serverConfig,
            WriteUserCreds(Path.Combine(directory, "user.creds"), account),
            WriteUserCreds(Path.Combine(directory, "unknown-account.creds"), unknownAccount));
    }

    private static NatsClientCredentials WriteUserCreds(string path, NKeyIdentity account)
    {
        var user = NKeyIdentity.Create(PrefixByte.User);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, NatsJwtIssuer.CredsFile(NatsJwtIssuer.User(user, account), user.Seed));
        return new NatsClientCredentials { CredsFile = path };
    }

    // Distinct per call and free of characters the server config or a URL would need to escape.
    private static string Secret(string label) => $"{label}-{Guid.NewGuid():N}";
}
