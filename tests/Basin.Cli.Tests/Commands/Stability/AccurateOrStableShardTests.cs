using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Stability;

[Collection("cli")]
public class AccurateOrStableShardTests
{
    /// <summary>
    /// <c>basin study accurate-or-stable</c> with <c>--shard 1/2</c> and <c>--shard 2/2</c>, <c>basin merge</c>, and the
    /// unsharded run on the same tiny settings: the merged JSON equals the unsharded report's JSON, and the merged report
    /// has the same files.
    /// </summary>
    [Fact]
    public void ShardedRunMergesIntoTheUnshardedResult()
    {
        var dir = Directory.CreateTempSubdirectory("basin-aos-shard").FullName;
        try
        {
            var model = Path.Combine(dir, "lr.safetensors");
            var (c0, _, e0) = CliRunner.Run("baseline", "train", "--kind", "logreg", "--dataset", "letters", "--epochs", "10", "--lr", "1e-2", "--out", model);
            Assert.True(c0 == 0, e0);
            string[] study = ["study", "accurate-or-stable", "--model", model, "--dataset", "letters", "--count", "8", "--batch", "2",
                "--linf-eps", "0.1,0.3", "--l2-eps", "0.5,2", "--iterations", "5", "--square-queries", "20", "--hsj-iterations", "3", "--check-count", "4", "--seed", "3"];
            foreach (var k in new[] { 1, 2 })
            {
                var (c, _, e) = CliRunner.Run([.. study, "--shard", $"{k}/2", "--out", Path.Combine(dir, $"part{k}.json")]);
                Assert.True(c == 0, e);
            }
            var (cm, _, em) = CliRunner.Run("merge", Path.Combine(dir, "part2.json"), Path.Combine(dir, "part1.json"), "--out", Path.Combine(dir, "merged.json"),
                "--report", Path.Combine(dir, "merged"));
            Assert.True(cm == 0, em);
            var (cu, _, eu) = CliRunner.Run([.. study, "--out", Path.Combine(dir, "whole")]);
            Assert.True(cu == 0, eu);
            var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "merged.json")))!;
            var whole = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "whole", "accurate-or-stable.json")))!;
            Assert.True(JsonNode.DeepEquals(whole, merged), "merged shards differ from the unsharded run");
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "whole", "accurate-or-stable.json")), File.ReadAllText(Path.Combine(dir, "merged", "accurate-or-stable.json")));
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "whole", "curves.csv")), File.ReadAllText(Path.Combine(dir, "merged", "curves.csv")));
            Assert.Equal(Directory.GetFiles(Path.Combine(dir, "whole")).Select(Path.GetFileName).Order(),
                Directory.GetFiles(Path.Combine(dir, "merged")).Select(Path.GetFileName).Order());
            Assert.Equal(8, (int)whole["count"]!);
        }
        finally { Directory.Delete(dir, true); }
    }
}
