using Kryten.Nats.Auth;
using Shouldly;
using Xunit;

namespace Kryten.Nats.Tests.Auth;

public sealed class CredsFileReaderTests
{
    private const string Jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJzdWIiOiJVQUJDIn0.c2lnbmF0dXJlLWJ5dGVz";
    private const string Seed = "SUAKEMZODRW5SDNE6TTFYPDQV7LRL3IWG4KR3EK6G43B3EB6WXA3Q6T5PU";

    private static string Canonical(string newline) => string.Join(newline,
        "-----BEGIN NATS USER JWT-----",
        Jwt,
        "------END NATS USER JWT------",
        "",
        "************************* IMPORTANT *************************",
        "NKEY Seed printed below can be used to sign and prove identity.",
        "NKEYs are sensitive and should be treated as secrets.",
        "",
        "-----BEGIN USER NKEY SEED-----",
        Seed,
        "------END USER NKEY SEED------",
        "",
        "*************************************************************",
        "");

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void The_canonical_layout_parses_with_LF_and_CRLF(string newline)
    {
        var creds = CredsFileReader.Parse(Canonical(newline));

        creds.Jwt.ShouldBe(Jwt);
        creds.Seed.ShouldBe(Seed);
    }

    [Fact]
    public void Indentation_blank_lines_and_other_dash_counts_are_tolerated()
    {
        var text = $"\n\n   ---BEGIN NATS USER JWT---\n\n   {Jwt}   \n\n  -------END NATS USER JWT-------\n" +
                   $"\t-----BEGIN USER NKEY SEED-----\r\n\t{Seed}\t\r\n------END USER NKEY SEED------";

        var (jwt, seed) = CredsFileReader.Parse(text);

        jwt.ShouldBe(Jwt);
        seed.ShouldBe(Seed);
    }

    public static TheoryData<string> SeedOutsideABlock() => new()
    {
        // The JWT's END line is missing: the seed's BEGIN line closes the JWT block, the seed line is then found alone.
        $"-----BEGIN NATS USER JWT-----\n{Jwt}\n\n-----BEGIN USER NKEY SEED-----\n{Seed}\n------END USER NKEY SEED------",
        $"-----BEGIN NATS USER JWT-----\n{Jwt}\n------END NATS USER JWT------\n\n  {Seed}  \n",
        $"-----BEGIN NATS USER JWT-----\n{Jwt}\n------END NATS USER JWT------\n-----BEGIN USER NKEY SEED-----\n{Seed}\n",
    };

    [Theory]
    [MemberData(nameof(SeedOutsideABlock))]
    public void Without_a_seed_block_the_first_seed_like_line_is_taken(string text)
    {
        var (jwt, seed) = CredsFileReader.Parse(text);

        jwt.ShouldBe(Jwt);
        seed.ShouldBe(Seed);
    }

    [Fact]
    public void Read_loads_the_file_and_the_seed_decodes_to_a_user_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kryten-{Guid.NewGuid():N}.creds");
        File.WriteAllText(path, Canonical("\n"));
        try
        {
            var creds = CredsFileReader.Read(path);

            using var pair = NKeyPair.FromSeed(creds.Seed);
            pair.Type.ShouldBe(NKeyType.User);
            creds.Jwt.ShouldBe(Jwt);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_IOException()
    {
        Should.Throw<FileNotFoundException>(() => CredsFileReader.Read(Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.creds")));
    }

    public static TheoryData<string, string> MalformedFiles() => new()
    {
        { "", "no user JWT block" },
        { Jwt + "\n" + Seed, "no user JWT block" },
        { $"-----BEGIN NATS USER JWT-----\n{Jwt}\n------END NATS USER JWT------\n", "no user NKey seed block" },
        { $"-----BEGIN NATS USER JWT-----\n{Jwt}\n-----BEGIN USER NKEY SEED-----\n", "no user NKey seed block" },
        { $"-----BEGIN NATS USER JWT-----\n{Jwt}\n\n{Seed}\n------END------", "no user JWT block" },
        { $"-----BEGIN NATS USER JWT-----\nnot-a-jwt\n------END------\n-----BEGIN USER NKEY SEED-----\n{Seed}\n------END------", "not a JWT" },
        { $"-----BEGIN NATS USER JWT-----\n{Jwt}\n------END------\n-----BEGIN NKEY SEED-----\nSAAOTGQTFIOOMN5UYIBK254H74ODZ4AJIG624BUC5PGQPIFZNXV4XT2T6U\n------END------", "not a user NKey seed" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Malformed_files_give_a_FormatException_that_never_contains_the_secrets(string text, string reason)
    {
        var ex = Should.Throw<FormatException>(() => CredsFileReader.Parse(text));

        ex.Message.ShouldContain(reason);
        ex.Message.ShouldNotContain(Seed[..12]);
        ex.Message.ShouldNotContain("SAAOTGQT");
        ex.Message.ShouldNotContain(Jwt[..12]);
    }

    [Fact]
    public void ToString_redacts_the_JWT_and_the_seed()
    {
        var text = CredsFileReader.Parse(Canonical("\n")).ToString();

        text.ShouldNotContain(Seed[..12]);
        text.ShouldNotContain(Jwt[..12]);
    }
}
