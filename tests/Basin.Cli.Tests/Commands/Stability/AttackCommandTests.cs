using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Stability;

[Collection("cli")]
public class AttackCommandTests
{
    /// <summary>
    /// <c>basin attack --attack autoattack-linf --json</c> on a letters SA-nODE runs the standard crafting-horizon protocol by
    /// default (training horizon from the metadata, evaluation horizon --steps, their average) and reports the fields;
    /// <c>--craft-horizons</c> overrides it; bad horizons and crafting on a non-ODE model are one error line each.
    /// </summary>
    [Fact]
    public void AutoAttackOnAnSaNodeReportsTheWinningCraftingHorizons()
    {
        var dir = Directory.CreateTempSubdirectory("basin-attack-horizons").FullName;
        try
        {
            var model = Path.Combine(dir, "letters.safetensors");
            var (c0, _, e0) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "6", "--batch", "50", "--lr", "0.01", "--eval-count", "0", "--out", model);
            Assert.True(c0 == 0, e0);
            var (c, o, e) = CliRunner.Run("attack", "--model", model, "--dataset", "letters", "--attack", "autoattack-linf", "--eps", "0.2", "--count", "10",
                "--steps", "100", "--iterations", "5", "--queries", "50", "--gradient-free", "5", "--json");
            Assert.True(c == 0, e);
            var r = JsonNode.Parse(o)!;
            Assert.Equal(["T=5.5", "T=10", "avg(T=5.5,6.7,8.2,10)"], r["crafting_horizons"]!.AsArray().Select(h => (string)h!));
            double clean = (double)r["clean_accuracy"]!, robust = (double)r["robust_accuracy"]!;
            Assert.InRange(robust, 0, clean);
            var images = r["images"]!.AsArray();
            Assert.Equal(10, images.Count);
            var perHorizon = r["horizon_wins"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
            foreach (var (h, n) in perHorizon) Assert.Equal(n, images.Count(i => (string?)i!["winning_horizon"] == h));
            int fooled = (int)Math.Round(10 * (clean - robust));
            Assert.Equal(fooled, r["wins"]!.AsObject().Sum(p => (int)p.Value!));
            Assert.Equal(["square-linf", "spsa-linf"], r["gradient_free"]!.AsArray().Select(g => (string)g!["attack"]!));
            var (c1, o1, e1) = CliRunner.Run("attack", "--model", model, "--dataset", "letters", "--attack", "pgd-margin-linf", "--eps", "0.2", "--count", "4",
                "--steps", "100", "--iterations", "5", "--craft-horizons", "2+10", "--json");
            Assert.True(c1 == 0, e1);
            Assert.Equal(["avg(T=2,10)"], JsonNode.Parse(o1)!["crafting_horizons"]!.AsArray().Select(h => (string)h!));
            var (c2, _, e2) = CliRunner.Run("attack", "--model", model, "--dataset", "letters", "--attack", "pgd-margin-linf", "--count", "2", "--craft-horizons", "5,x");
            Assert.NotEqual(0, c2);
            Assert.Contains("'x' is not a positive horizon", e2);
            Assert.DoesNotContain("   at ", e2);
            var mlp = Path.Combine(dir, "lr.safetensors");
            Assert.Equal(0, CliRunner.Run("baseline", "train", "--kind", "logreg", "--dataset", "letters", "--epochs", "2", "--out", mlp).Code);
            var (c3, _, e3) = CliRunner.Run("attack", "--model", mlp, "--dataset", "letters", "--attack", "pgd-margin-linf", "--count", "2", "--craft-horizons", "5");
            Assert.NotEqual(0, c3);
            Assert.Contains("--craft-horizons needs an SA-nODE model", e3);
        }
        finally { Directory.Delete(dir, true); }
    }
}
