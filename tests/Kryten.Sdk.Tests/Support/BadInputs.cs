using System.Security.Cryptography;
using System.Text.Json;
using Kryten.Tests.Infrastructure;

namespace Kryten.Sdk.Tests.Support;

public static class BadInputs
{
    /// <summary>The message body of a bad-inputs vector: its bytes, or its recipe expanded and checked against length and sha256.</summary>
    public static byte[] Body(JsonElement v)
    {
        byte[] body;
        if (v.TryGetProperty("bytes_base64", out var b64))
        {
            body = Convert.FromBase64String(b64.GetString()!);
        }
        else
        {
            using var stream = new MemoryStream();
            foreach (var segment in v.GetProperty("bytes_recipe").GetProperty("segments").EnumerateArray())
            {
                var part = Convert.FromBase64String(segment.GetProperty("base64").GetString()!);
                var repeat = segment.TryGetProperty("repeat", out var r) ? r.GetInt32() : 1;
                for (var i = 0; i < repeat; i++) stream.Write(part);
            }
            body = stream.ToArray();
        }
        body.Length.ShouldBe(v.GetProperty("length").GetInt32());
        Convert.ToHexStringLower(SHA256.HashData(body)).ShouldBe(v.GetProperty("sha256").GetString());
        return body;
    }

    public static TheoryDataNames Names => ContractVectors.Names("bad-inputs.json");
}
