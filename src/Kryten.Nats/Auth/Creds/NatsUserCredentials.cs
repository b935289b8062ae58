namespace Kryten.Nats.Auth;

/// <summary>The user JWT and user NKey seed read from a <c>.creds</c> file. Both are secrets.</summary>
/// <param name="Jwt">The user JWT (three base64url segments).</param>
/// <param name="Seed">The user NKey seed (<c>SU…</c>).</param>
internal readonly record struct NatsUserCredentials(string Jwt, string Seed)
{
    /// <summary>Never shows the JWT or the seed.</summary>
    public override string ToString() => "NatsUserCredentials { Jwt = ***, Seed = *** }";
}
