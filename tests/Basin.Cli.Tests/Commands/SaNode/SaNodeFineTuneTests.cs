namespace Basin.Cli.Tests.Commands.SaNode;

[Collection("cli")]
public class SaNodeFineTuneTests
{
    [Fact]
    public void AugmentedFineTuneResumesAndKeepsItsOrigin()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-ft-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var base0 = Path.Combine(dir, "base.safetensors");
            var (c0, _, e0) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "3", "--batch", "50", "--lr", "0.01",
                "--eval-count", "0", "--out", base0);
            Assert.True(c0 == 0, e0);
            var tuned = Path.Combine(dir, "tuned.safetensors");
            var (c1, _, e1) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--from", base0, "--augment", "shift=1,rotate=5",
                "--epochs", "1", "--batch", "50", "--lr", "0.001", "--eval-count", "0", "--out", tuned);
            Assert.True(c1 == 0, e1);
            Assert.Contains("fine-tuning", e1);
            var (c2, _, e2) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--from", base0, "--augment", "shift=1,rotate=5",
                "--epochs", "2", "--batch", "50", "--lr", "0.001", "--eval-count", "0", "--out", tuned, "--resume");
            Assert.True(c2 == 0, e2);
            Assert.Contains("resuming", e2);
            var meta = Basin.Tensors.IO.SafeTensors.Load(tuned).Metadata;
            Assert.Equal(base0, meta["fine_tuned_from"]);
            Assert.Equal("2", meta["epochs"]);
            Assert.Contains("\"Augment\":\"shift=1,rotate=5\"", meta["recipe"]);

            // Resuming with a recipe option on the command line continues the run with that option changed.
            var (c4, _, e4) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "3", "--steps", "20",
                "--lr", "0.0005", "--batch", "50", "--eval-count", "0", "--out", tuned, "--resume");
            Assert.True(c4 == 0, e4);
            Assert.Contains("recipe changed: --steps 55→20, --lr 0.001→0.0005", e4);
            var meta4 = Basin.Tensors.IO.SafeTensors.Load(tuned).Metadata;
            Assert.Equal("3", meta4["epochs"]);
            Assert.Contains("\"Steps\":20", meta4["recipe"]);
            Assert.Contains("\"Augment\":\"shift=1,rotate=5\"", meta4["recipe"]);

            var (c3, _, e3) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--augment", "zoom=2", "--epochs", "1",
                "--out", Path.Combine(dir, "bad.safetensors"));
            Assert.Equal(1, c3);
            Assert.Contains("--augment", e3);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
