using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kryten.Nats.Auth;

namespace Kryten.Nats.Tests.Auth;

/// <summary>
/// Issues NATS JWT v2 tokens for operator-mode tests: header <c>{"typ":"JWT","alg":"ed25519-nkey"}</c>, claims with
/// <c>iss</c>/<c>sub</c> public keys and a <c>nats</c> section, signed with the issuer's Ed25519 key over
/// <c>base64url(header) + "." + base64url(claims)</c>.
/// </summary>
internal static class NatsJwtIssuer
{
    private const string Header = """{"typ":"JWT","alg":"ed25519-nkey"}""";

    public static string Operator(NKeyPair operatorKey) =>
        Encode(operatorKey, operatorKey.PublicKey, "test-operator", new JsonObject { ["type"] = "operator", ["version"] = 2 });

    public static string Account(NKeyPair accountKey, NKeyPair operatorKey) =>
        Encode(operatorKey, accountKey.PublicKey, "test-account", new JsonObject
        {
            ["limits"] = new JsonObject
            {
                ["subs"] = -1, ["data"] = -1, ["payload"] = -1, ["imports"] = -1, ["exports"] = -1,
                ["wildcards"] = true, ["conn"] = -1, ["leaf"] = -1,
            },
            ["default_permissions"] = new JsonObject { ["pub"] = new JsonObject(), ["sub"] = new JsonObject() },
            ["type"] = "account",
            ["version"] = 2,
        });

    public static string User(NKeyPair userKey, NKeyPair accountKey) =>
        Encode(accountKey, userKey.PublicKey, "test-user", new JsonObject
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

    private static string Encode(NKeyPair issuer, string subject, string name, JsonObject nats)
    {
        var claims = new JsonObject
        {
            ["jti"] = Base32Id(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = issuer.PublicKey,
            ["name"] = name,
            ["sub"] = subject,
            ["nats"] = nats,
        };
        var toSign = Segment(Encoding.UTF8.GetBytes(Header)) + "." + Segment(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return toSign + "." + Segment(issuer.Sign(Encoding.ASCII.GetBytes(toSign)));
    }

    private static string Segment(byte[] bytes) => NKeyPair.ToBase64Url(bytes);

    // The real tools use a hash of the claims; the server only needs a unique id.
    private static string Base32Id() => Base32NoPadding.Encode(RandomNumberGenerator.GetBytes(32));
}
