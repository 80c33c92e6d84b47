using System.Text.Json.Nodes;
using Basin.Studies.Sharding;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Tests.Sharding;

public class ShardDocumentTests
{
    private static ShardDocument.Part Part(string study, int k, int n, int option = 1) =>
        ShardDocument.Parse(ShardDocument.Create(study, new Shard(k, n), new JsonObject { ["x"] = option }, new JsonObject { ["k"] = k }), $"part{k}");

    [Fact]
    public void CompleteSetIsOrderedByShard()
    {
        var ordered = ShardDocument.CheckComplete([Part("s", 3, 3), Part("s", 1, 3), Part("s", 2, 3)]);
        Assert.Equal([1, 2, 3], ordered.Select(p => p.Shard.Index));
    }

    [Fact]
    public void MissingDuplicateAndMismatchedPartsAreRefused()
    {
        Assert.Contains("missing: 2/3", Assert.Throws<InvalidDataException>(() => ShardDocument.CheckComplete([Part("s", 1, 3), Part("s", 3, 3)])).Message);
        Assert.Contains("twice", Assert.Throws<InvalidDataException>(() => ShardDocument.CheckComplete([Part("s", 1, 2), Part("s", 1, 2)])).Message);
        Assert.Contains("other options", Assert.Throws<InvalidDataException>(() => ShardDocument.CheckComplete([Part("s", 1, 2), Part("s", 2, 2, option: 2)])).Message);
        Assert.Contains("different N", Assert.Throws<InvalidDataException>(() => ShardDocument.CheckComplete([Part("s", 1, 2), Part("s", 2, 3)])).Message);
        Assert.Contains("is a part of", Assert.Throws<InvalidDataException>(() => ShardDocument.CheckComplete([Part("s", 1, 2), Part("t", 2, 2)])).Message);
    }

    [Fact]
    public void MalformedDocumentIsRefusedClearly()
    {
        Assert.Throws<InvalidDataException>(() => ShardDocument.Parse(new JsonObject { ["study"] = "s" }, "f.json"));
        var bad = ShardDocument.Create("s", new Shard(1, 2), new JsonObject(), new JsonObject());
        bad["shard"] = "3/2";
        Assert.Throws<InvalidDataException>(() => ShardDocument.Parse(bad, "f.json"));
    }

    [Fact]
    public void ShardRangesCoverTheWorkExactlyOnce()
    {
        foreach (var (total, n) in new[] { (10, 3), (7, 7), (3, 5), (200, 4) })
        {
            var covered = Enumerable.Range(1, n).SelectMany(k => { var r = new Shard(k, n).Range(total); return Enumerable.Range(r.Start, r.Length); }).ToArray();
            Assert.Equal(Enumerable.Range(0, total), covered);
        }
    }
}
