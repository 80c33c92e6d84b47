using System.Globalization;
using Basin.Data;

namespace Basin.Cli.Tests.Commands.Obfuscation;

[Collection("cli")]
public sealed class ObfuscateCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-obf-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string F(string name) => Path.Combine(_dir, name);

    private static double[][] ReadCsv(string path) => File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#')
        .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Fact]
    public void CsvRoundTrip_WrongKey_MalformedInput_AndOverwriteAreHandled()
    {
        var (k1, _, ke) = CliRunner.Run("obfuscate", "keygen", "--dim", "6", "--block", "3", "--steps", "5", "--hidden", "8", "-o", F("a.key"));
        Assert.True(k1 == 0, ke);
        Assert.Equal(0, CliRunner.Run("obfuscate", "keygen", "--dim", "6", "--block", "3", "--steps", "0", "-o", F("b.key")).Code);
        var (exists, _, ee) = CliRunner.Run("obfuscate", "keygen", "--dim", "6", "-o", F("a.key"));
        Assert.Equal(1, exists);
        Assert.Contains("refusing to overwrite", ee);

        var rows = Enumerable.Range(0, 300).Select(i => string.Join(',', Enumerable.Range(0, 6).Select(j => ((i * 7 + j * 3) % 11 / 10.0).ToString(CultureInfo.InvariantCulture)))).ToArray();
        File.WriteAllLines(F("plain.csv"), rows);
        var (a, _, ae) = CliRunner.Run("obfuscate", "apply", F("plain.csv"), "--key", F("a.key"), "-o", F("obf.csv"));
        Assert.True(a == 0, ae);
        Assert.StartsWith("# basin-obf v2 fingerprint=", File.ReadLines(F("obf.csv")).First());
        var (i1, _, ie) = CliRunner.Run("obfuscate", "invert", F("obf.csv"), "--key", F("a.key"), "-o", F("back.csv"));
        Assert.True(i1 == 0, ie);
        var plain = ReadCsv(F("plain.csv")); var back = ReadCsv(F("back.csv"));
        Assert.Equal(plain.Length, back.Length);
        for (int i = 0; i < plain.Length; i++)
            for (int j = 0; j < 6; j++) Assert.Equal(plain[i][j], back[i][j], 12);

        var (w, _, we) = CliRunner.Run("obfuscate", "invert", F("obf.csv"), "--key", F("b.key"), "-o", F("wrong.csv"));
        Assert.Equal(1, w);
        Assert.Contains("wrong key", we);
        Assert.False(File.Exists(F("wrong.csv")));

        File.WriteAllLines(F("bad.csv"), [.. rows.Take(100), "1,2,3", .. rows.Skip(100)]);
        var (m, _, me) = CliRunner.Run("obfuscate", "apply", F("bad.csv"), "--key", F("a.key"), "-o", F("bad-out.csv"));
        Assert.Equal(1, m);
        Assert.Contains("line 101", me);
        Assert.False(File.Exists(F("bad-out.csv")));

        var (same, _, se) = CliRunner.Run("obfuscate", "apply", F("plain.csv"), "--key", F("a.key"), "-o", F("plain.csv"));
        Assert.Equal(1, same);
        Assert.Contains("overwrite the input", se);
        Assert.Equal(rows, File.ReadAllLines(F("plain.csv")));
    }

    [Fact]
    public void IdxRoundTrip_IsExact_AndFitSetsTheDimension()
    {
        var px = new byte[40 * 4 * 4];
        new Random(3).NextBytes(px);
        IdxWriter.WriteFile(F("img.idx.gz"), px, [40, 4, 4], gzip: true);
        var (k, o, ke) = CliRunner.Run("obfuscate", "keygen", "--fit", F("img.idx.gz"), "--block", "8", "--steps", "5", "--hidden", "8", "-o", F("k.key"));
        Assert.True(k == 0, ke);
        Assert.Contains("d = 16", o);
        Assert.Equal(0, CliRunner.Run("obfuscate", "apply", F("img.idx.gz"), "--key", F("k.key"), "-o", F("img.bobf")).Code);
        var (i, _, ie) = CliRunner.Run("obfuscate", "invert", F("img.bobf"), "--key", F("k.key"), "-o", F("back.idx"));
        Assert.True(i == 0, ie);
        Assert.Equal(px, IdxReader.Read(F("back.idx")).Data);
        var bytes = File.ReadAllBytes(F("img.bobf"));
        File.WriteAllBytes(F("img.bobf"), bytes[..^100]);
        var (t, _, te) = CliRunner.Run("obfuscate", "invert", F("img.bobf"), "--key", F("k.key"), "-o", F("back2.idx"));
        Assert.Equal(1, t);
        Assert.Contains("truncated", te);
        File.WriteAllText(F("k.key"), "not a key");
        Assert.Equal(1, CliRunner.Run("obfuscate", "apply", F("img.idx.gz"), "--key", F("k.key"), "-o", F("x.bobf")).Code);
    }
}
