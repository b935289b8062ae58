using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NATS.NKeys;

namespace Kryten.Tests.Infrastructure;

/// <summary>
/// Issues NATS JWT v2 tokens for operator-mode servers, so tests need no <c>nsc</c>: header
/// <c>{"typ":"JWT","alg":"ed25519-nkey"}</c>, claims with <c>iss</c>/<c>sub</c> public keys and a <c>nats</c> section,
/// signed with the issuer's Ed25519 key over <c>base64url(header) + "." + base64url(claims)</c>.
/// </summary>
public static class NatsJwtIssuer
{
    private const string Header = """{"typ":"JWT","alg":"ed25519-nkey"}""";

    /// <summary>The self-signed operator JWT the server's <c>operator:</c> setting trusts.</summary>
    public static string Operator(NKeyIdentity operatorKey, NKeyIdentity? systemAccount = null)
    {
        var nats = new JsonObject { ["type"] = "operator", ["version"] = 2 };
        if (systemAccount is not null) nats["system_account"] = systemAccount.PublicKey;
        return Encode(operatorKey, operatorKey.PublicKey, "kryten-test-operator", nats);
    }

    /// <summary>
    /// An account JWT signed by the operator. With <paramref name="jetStream"/> it carries unlimited JetStream limits:
    /// nats-server enables JetStream for an account only when its JWT grants memory or disk storage.
    /// </summary>
    public static string Account(NKeyIdentity accountKey, NKeyIdentity operatorKey, string name, bool jetStream)
    {
        var limits = new JsonObject
        {
            ["subs"] = -1, ["data"] = -1, ["payload"] = -1, ["imports"] = -1, ["exports"] = -1,
            ["wildcards"] = true, ["conn"] = -1, ["leaf"] = -1,
        };
        if (jetStream)
        {
            limits["mem_storage"] = -1;
            limits["disk_storage"] = -1;
            limits["streams"] = -1;
            limits["consumer"] = -1;
        }

        return Encode(operatorKey, accountKey.PublicKey, name, new JsonObject
        {
            ["limits"] = limits,
            ["default_permissions"] = new JsonObject { ["pub"] = new JsonObject(), ["sub"] = new JsonObject() },
            ["type"] = "account",
            ["version"] = 2,
        });
    }

    /// <summary>A user JWT signed directly by its account key (no signing keys), with no permission limits.</summary>
    public static string User(NKeyIdentity userKey, NKeyIdentity accountKey, string name = "kryten-test-user") =>
        Encode(accountKey, userKey.PublicKey, name, new JsonObject
        {
            ["pub"] = new JsonObject(), ["sub"] = new JsonObject(),
            ["subs"] = -1, ["data"] = -1, ["payload"] = -1,
            ["type"] = "user", ["version"] = 2,
        });

    /// <summary>The creds file layout <c>nsc</c> writes (5-dash BEGIN lines, 6-dash END lines).</summary>
    public static string CredsFile(string userJwt, string userSeed) => $"""
        -----BEGIN NATS USER JWT-----
        {userJwt}
        ------END NATS USER JWT------

        ************************* IMPORTANT *************************
        NKEY Seed printed below can be used to sign and prove identity.
        NKEYs are sensitive and should be treated as secrets.

        -----BEGIN USER NKEY SEED-----
        {userSeed}
        ------END USER NKEY SEED------

        *************************************************************

        """;

    /// <summary>The claims section of a JWT, for tests that check what was issued.</summary>
    public static JsonObject DecodeClaims(string jwt)
    {
        var segment = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + (4 - segment.Length % 4) % 4, '=');
        return JsonNode.Parse(Convert.FromBase64String(segment))!.AsObject();
    }

    private static string Encode(NKeyIdentity issuer, string subject, string name, JsonObject nats)
    {
        var claims = new JsonObject
        {
            ["jti"] = UniqueId(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = issuer.PublicKey,
            ["name"] = name,
            ["sub"] = subject,
            ["nats"] = nats,
        };
        var signed = Base64Url(Encoding.UTF8.GetBytes(Header)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return signed + "." + Base64Url(issuer.Sign(Encoding.ASCII.GetBytes(signed)));
    }

    // The JWT spec's unpadded base64url.
    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    // nsc derives jti from a hash of the claims; the server only needs it to be unique.
    private static string UniqueId()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var chars = new char[Base32.GetEncodedLength(bytes)];
        var written = Base32.ToBase32(bytes, chars);
        return new string(chars, 0, written);
    }
}
