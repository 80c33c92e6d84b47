using System.Text.Json.Nodes;
using Basin.Tensors.IO;

namespace Basin.Cli.Tests.Commands.Stability;

[Collection("cli")]
public class BaselineCommandTests
{
    /// <summary><c>basin baseline train --robust</c>: the recipe is trained, reported in the JSON and kept in the file's metadata; a bad recipe is one clear error.</summary>
    [Fact]
    public void RobustTrainingRecordsItsRecipeAndRefusesABadOne()
    {
        var dir = Directory.CreateTempSubdirectory("basin-baseline").FullName;
        try
        {
            var model = Path.Combine(dir, "mlp.safetensors");
            var (c, o, e) = CliRunner.Run("baseline", "train", "--kind", "mlp", "--hidden", "16", "--dataset", "letters", "--epochs", "3",
                "--lr", "1e-2", "--robust", "pgd:eps=0.1,steps=2", "--json", "--out", model);
            Assert.True(c == 0, e);
            var r = JsonNode.Parse(o)!;
            Assert.Equal("pgd:eps=0.1,steps=2,step=0.125", (string)r["robust"]!);
            Assert.InRange((double)r["test_accuracy"]!, 0, 1);
            Assert.Equal("pgd:eps=0.1,steps=2,step=0.125", SafeTensors.Load(model).Metadata["robust"]);
            Assert.Equal("ReLU MLP 49-16-5 (pgd:eps=0.1,steps=2,step=0.125)", (string)r["model"]!);
            // Results name the robust-trained model by its recipe, so a bracket tells it from the plain one.
            var (ca, oa, ea) = CliRunner.Run("attack", "--model", model, "--dataset", "letters", "--attack", "fgsm-linf", "--eps", "0.1", "--count", "5", "--json");
            Assert.True(ca == 0, ea);
            Assert.Equal("ReLU MLP 49-16-5 (pgd:eps=0.1,steps=2,step=0.125)", (string)JsonNode.Parse(oa)!["model"]!);

            var bad = Path.Combine(dir, "bad.safetensors");
            var (cb, _, eb) = CliRunner.Run("baseline", "train", "--dataset", "letters", "--robust", "gaussian:zero", "--out", bad);
            Assert.NotEqual(0, cb);
            Assert.Contains("σ 'zero' is not a number", eb);
            Assert.DoesNotContain("   at ", eb);
            Assert.False(File.Exists(bad));
        }
        finally { Directory.Delete(dir, true); }
    }
}
