using System.Text.Json.Nodes;
using Basin.SaNode;
using Basin.Studies.SaNode;
using Basin.Studies.Sharding;
using Basin.Tensors;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Tests.SaNode;

public class HorizonShardedStudyTests
{
    [Fact]
    public void MergedShardsEqualTheUnshardedRun()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-horizon-shards-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // An untrained letters model: slow trajectories, some change attractor late, so every count is exercised.
            var path = Path.Combine(dir, "m.safetensors");
            SaNodeFile.Save(path, new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(4)));
            var o = new HorizonStudyOptions(path, "letters", [10, 0.5, 2], Count: 37, Batch: 8);
            var whole = JsonOutput.ToText(HorizonStudyRun.Run(o).ToJson());
            Assert.Contains("\"changed_later\"", whole);
            foreach (int n in new[] { 2, 3 })
            {
                // Through text, as the partial results travel between machines; another batch size per shard.
                var parts = Enumerable.Range(1, n).Reverse()
                    .Select(k => ShardDocument.Parse(JsonNode.Parse(JsonOutput.ToText(HorizonStudyRun.RunShard(o with { Batch = 5 + k }, new Shard(k, n))))!, $"part{k}"))
                    .ToArray();
                var (study, merged) = ShardedStudies.Merge(parts);
                Assert.Equal("horizon", study.Name);
                Assert.Equal(whole, JsonOutput.ToText(merged));
            }
            var files = ShardedStudies.Find("horizon").Render(JsonNode.Parse(whole)!, Path.Combine(dir, "report"));
            Assert.All(files, f => Assert.True(File.Exists(f), f));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
