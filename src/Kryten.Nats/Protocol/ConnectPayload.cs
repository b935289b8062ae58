using System.Buffers;
using System.Text.Json;
using Kryten.Nats.Auth;
using Kryten.Nats.Internal;

namespace Kryten.Nats.Protocol;

/// <summary>Builds the CONNECT JSON, including credentials resolved for one server and nonce.</summary>
internal static class ConnectPayload
{
    internal const string ClientVersion = "0.1.0";

    /// <exception cref="NatsConnectionException">Credentials cannot be loaded, or the server cannot do nkey auth.</exception>
    public static byte[] Build(NatsOpts opts, ServerAddress server, NatsServerInfo info, bool tls)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteBoolean("verbose", false);
            w.WriteBoolean("pedantic", false);
            w.WriteBoolean("tls_required", tls);
            if (opts.Name is not null) w.WriteString("name", opts.Name);
            w.WriteString("lang", ".NET");
            w.WriteString("version", ClientVersion);
            w.WriteNumber("protocol", 1);
            w.WriteBoolean("echo", opts.Echo);
            w.WriteBoolean("headers", info.Headers);
            w.WriteBoolean("no_responders", info.Headers);
            WriteAuth(w, opts, server, info);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAuth(Utf8JsonWriter w, NatsOpts opts, ServerAddress server, NatsServerInfo info)
    {
        var user = opts.Username ?? server.User;
        var password = opts.Password ?? (opts.Username is null ? server.Password : null);
        if (opts.Username is null && server.User is not null && server.Password is null)
        {
            w.WriteString("auth_token", opts.Token ?? server.User);
            user = null;
        }
        else if (opts.Token is not null)
        {
            w.WriteString("auth_token", opts.Token);
        }
        if (user is not null)
        {
            w.WriteString("user", user);
            if (password is not null) w.WriteString("pass", password);
        }

        string? jwt = opts.Jwt;
        string? seed = opts.NKeySeed;
        if (opts.CredsFile is not null)
        {
            try
            {
                var creds = CredsFileReader.Read(opts.CredsFile);
                jwt = creds.Jwt;
                seed = creds.Seed;
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                throw new NatsConnectionException($"creds file '{opts.CredsFile}' cannot be used: {ex.Message}", ex);
            }
        }
        if (seed is null)
        {
            if (jwt is not null) throw new NatsConnectionException("Jwt is set but NKeySeed is not: the server nonce must be signed with the user seed");
            return;
        }
        if (info.Nonce is null)
            throw new NatsConnectionException("nkey/JWT auth is configured but the server sent no nonce (nkeys not supported by the server)");
        string signature, publicKey;
        try
        {
            using var pair = NKeyPair.FromSeed(seed);
            signature = pair.SignNonce(info.Nonce);
            publicKey = pair.PublicKey;
        }
        catch (ArgumentException ex)
        {
            throw new NatsConnectionException(ex.Message, ex);
        }
        if (jwt is not null) w.WriteString("jwt", jwt);
        else w.WriteString("nkey", publicKey);
        w.WriteString("sig", signature);
    }
}
