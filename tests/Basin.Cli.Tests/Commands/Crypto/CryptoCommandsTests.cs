using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Crypto;

[Collection("cli")]
public class CryptoCommandsTests
{
    [Fact]
    public void KeygenEncryptDecryptAndRefusals()
    {
        var dir = Directory.CreateTempSubdirectory("basin-crypto-cli").FullName;
        try
        {
            string key = Path.Combine(dir, "k.key"), other = Path.Combine(dir, "o.key"), p = Path.Combine(dir, "p.bin"), c = Path.Combine(dir, "c.bin"), d = Path.Combine(dir, "d.bin");
            var (k1, _, e1) = CliRunner.Run("crypto", "keygen", "--out", key, "--steps", "5", "--rounds", "8");
            Assert.True(k1 == 0, e1);
            Assert.Equal(0, CliRunner.Run("crypto", "keygen", "--out", other, "--steps", "0").Code);
            var data = new byte[150_000];
            new Random(1).NextBytes(data);
            File.WriteAllBytes(p, data);
            var (c1, _, ce) = CliRunner.Run("crypto", "encrypt", "--key", key, p, c);
            Assert.True(c1 == 0, ce);
            Assert.Equal(data, File.ReadAllBytes(p));
            var (c2, _, de) = CliRunner.Run("crypto", "decrypt", "--key", key, c, d);
            Assert.True(c2 == 0, de);
            Assert.Equal(data, File.ReadAllBytes(d));
            File.Delete(d);
            var (w, _, we) = CliRunner.Run("crypto", "decrypt", "--key", other, c, d);
            Assert.Equal(1, w);
            Assert.Contains("Wrong key", we);
            var bad = File.ReadAllBytes(c); bad[1000] ^= 0x10; File.WriteAllBytes(c, bad);
            var (t, _, te) = CliRunner.Run("crypto", "decrypt", "--key", key, c, d);
            Assert.Equal(1, t);
            Assert.Contains("Authentication failed", te);
            Assert.False(File.Exists(d));
            File.WriteAllBytes(c, bad[..500]);
            Assert.Equal(1, CliRunner.Run("crypto", "decrypt", "--key", key, c, d).Code);
            Assert.Equal(1, CliRunner.Run("crypto", "encrypt", "--key", key, p, p).Code);
            File.WriteAllText(other, "garbage");
            var (g, _, ge) = CliRunner.Run("crypto", "encrypt", "--key", other, p, c);
            Assert.Equal(1, g);
            Assert.Contains("not a Basin cipher key", ge);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void EvalShardsMergeIntoTheUnshardedRoundSweep()
    {
        var dir = Directory.CreateTempSubdirectory("basin-crypto-shard").FullName;
        try
        {
            string P(string n) => Path.Combine(dir, n);
            string key = P("k.key");
            var (k, kout, ke) = CliRunner.Run("crypto", "keygen", "-o", key, "--steps", "0", "--rounds", "8", "--json");
            Assert.True(k == 0, ke);
            Assert.Equal(8, (int)JsonNode.Parse(kout)!["rounds"]!);
            var (noKey, _, nke) = CliRunner.Run("crypto", "eval", "--quick", "--shard", "1/2", "-o", P("x.json"));
            Assert.Equal(1, noKey);
            Assert.Contains("--key", nke);
            foreach (var s in new[] { "1/1", "1/2", "2/2" })
            {
                var (c, _, e) = CliRunner.Run("crypto", "eval", "--quick", "--key", key, "--shard", s, "-o", P(s.Replace('/', '-') + ".json"));
                Assert.True(c == 0, e);
            }
            var (m, mout, me) = CliRunner.Run("merge", P("2-2.json"), P("1-2.json"), "--json");
            Assert.True(m == 0, me);
            var whole = JsonNode.Parse(File.ReadAllText(P("1-1.json")))!["result"]!;
            Assert.True(JsonNode.DeepEquals(whole, JsonNode.Parse(mout)), mout);
            Assert.Equal([1, 2, 4], whole["round_sweep"]!.AsArray().Select(c => (int)c!["rounds"]!));
        }
        finally { Directory.Delete(dir, true); }
    }
}
