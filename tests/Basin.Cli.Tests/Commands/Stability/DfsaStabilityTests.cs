using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Stability;

[Collection("cli")]
public class DfsaStabilityTests
{
    [Fact]
    public void StabilityOfADfsaModelReportsOrbitExponentsAndLipschitz()
    {
        var dir = Directory.CreateTempSubdirectory("basin-dfsa-stab").FullName;
        try
        {
            var model = Path.Combine(dir, "m.safetensors");
            var (c1, _, e1) = CliRunner.Run("dfsa", "train", "--preset", "generic", "--in", "6", "--hidden", "16", "--steps", "20", "--batch", "32",
                "--input", "sphere", "--seed", "3", "--out", model);
            Assert.True(c1 == 0, e1);
            var (c2, o2, e2) = CliRunner.Run("stability", "--model", model, "--iterations", "300", "--starts", "2", "--lipschitz-count", "3", "--json");
            Assert.True(c2 == 0, e2);
            var doc = JsonNode.Parse(o2)!;
            Assert.Equal("dfsa", (string)doc["kind"]!);
            Assert.Equal(2, doc["orbits"]!.AsArray().Count);
            Assert.True(double.IsFinite((double)doc["largest_lyapunov_exponent"]!));
            Assert.True((double)doc["lipschitz"]!["median"]! > 0);
            var (c3, _, e3) = CliRunner.Run("stability", "--model", model, "--orbit", "spiral");
            Assert.NotEqual(0, c3);
            Assert.Contains("spiral", e3);
        }
        finally { Directory.Delete(dir, true); }
    }
}
