using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Crypto;

[Collection("cli")]
public class CryptanalysisCommandsTests
{
    [Fact]
    public void AnalyzeDudectAndCloneGiveOneJsonDocumentEach()
    {
        var dir = Directory.CreateTempSubdirectory("basin-cryptanalysis-cli").FullName;
        try
        {
            string key = Path.Combine(dir, "k.key");
            Assert.Equal(0, CliRunner.Run("crypto", "keygen", "--out", key, "--steps", "0", "--rounds", "3").Code);
            var (a, ao, ae) = CliRunner.Run("crypto", "analyze", "--key", key, "--samples", "256", "--two-bit", "4", "--search-rounds", "4", "--beam", "4", "--pairs", "256", "--json");
            Assert.True(a == 0, ae);
            var doc = JsonNode.Parse(ao)!;
            Assert.Equal(64, doc["single_bit"]!.AsArray().Count);
            Assert.Equal(3, doc["reduced_rounds"]!.AsArray().Count);
            Assert.Equal(16, ((string)doc["best_differential"]!["input_difference"]!).Length);
            var (d, dout, de) = CliRunner.Run("crypto", "dudect", "--key", key, "--measurements", "2000", "--json");
            Assert.True(d == 0, de);
            var subjects = JsonNode.Parse(dout)!["subjects"]!.AsArray();
            // Deployed, tables, block, AES and leaky control, plus one per further constant-time path this CPU supports.
            Assert.InRange(subjects.Count, 5, 16);
            Assert.All(subjects, s => Assert.Equal(2000, (long)s!["measurements"]!));
            var (c, co, ce) = CliRunner.Run("crypto", "clone", "--key", key, "--rounds", "1", "--pairs", "500", "--epochs", "1", "--json");
            Assert.True(c == 0, ce);
            Assert.Equal(1, (int)JsonNode.Parse(co)!["clones"]![0]!["rounds"]!);
            var (bad, _, be) = CliRunner.Run("crypto", "clone", "--key", key, "--rounds", "1.5");
            Assert.Equal(1, bad);
            Assert.Contains("whole numbers", be);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
