using Basin.Studies.Stability;

namespace Basin.Studies.Tests.Stability;

public class RobustnessBracketTests
{
    private const string Attack = """
        {"model":"ReLU MLP 784-800-10","attack":"autoattack-linf","norm":"linf","eps":0.1,"count":200,"clean_accuracy":0.98,"robust_accuracy":0.02,
         "crafting_horizons":null}
        """;
    private const string SaNode = """
        {"model":"SA-nODE N=784 (T = 120)","attack":"autoattack-linf","norm":"linf","eps":0.05,"count":200,"clean_accuracy":0.99,"robust_accuracy":0.0,
         "crafting_horizons":["T=5.5","T=120"]}
        """;
    private const string Certify = """
        {"model":"ReLU MLP 784-800-10","sigma":0.25,"n":1000,"count":50,"certified_accuracy":[{"radius":0,"accuracy":0.96},{"radius":0.5,"accuracy":0.7}],
         "attacked":{"attack":"pgd-margin-l2","count":50,"attacked_accuracy":[{"radius":0,"accuracy":0.98},{"radius":0.5,"accuracy":0.8}]}}
        """;

    /// <summary>Attack and certification results become bracket points (clean accuracy at budget 0), written as a CSV and one figure per norm.</summary>
    [Fact]
    public void ReadsAttackAndCertifyResultsAndWritesTheBracket()
    {
        var dir = Directory.CreateTempSubdirectory("basin-bracket").FullName;
        try
        {
            var files = new[] { ("a.json", Attack), ("s.json", SaNode), ("c.json", Certify) }.Select(f =>
            {
                var path = Path.Combine(dir, f.Item1);
                File.WriteAllText(path, f.Item2);
                return path;
            }).ToArray();
            var a = RobustnessBracket.Read(files[0]);
            Assert.Equal([(0.0, 0.98), (0.1, 0.02)], a.Select(p => (p.Budget, p.Accuracy)));
            Assert.All(a, p => Assert.Equal(("attacked", "linf", 200), (p.Side, p.Norm, p.Images)));
            Assert.Equal("autoattack-linf crafted at T=5.5, T=120", RobustnessBracket.Read(files[1])[0].Source);
            var c = RobustnessBracket.Read(files[2]);
            Assert.Equal(4, c.Count);
            Assert.Equal([0.96, 0.7], c.Where(p => p.Side == "certified").Select(p => p.Accuracy));
            Assert.Equal("smoothing σ=0.25, pgd-margin-l2", c.First(p => p.Side == "attacked").Source);
            // certified ≤ attacked at every radius of this (consistent) input
            foreach (var p in c.Where(p => p.Side == "certified")) Assert.True(p.Accuracy <= c.Single(q => q.Side == "attacked" && q.Budget == p.Budget).Accuracy);
            var written = RobustnessBracket.Write(files.SelectMany(RobustnessBracket.Read), Path.Combine(dir, "out", "bracket"), "test");
            Assert.Equal(5, written.Count);
            Assert.All(written, f => Assert.True(new FileInfo(f).Length > 0, f));
            Assert.Equal(1 + 8, File.ReadAllLines(Path.Combine(dir, "out", "bracket.csv")).Length);
            File.WriteAllText(files[0], """{"model":"x"}""");
            Assert.Throws<InvalidDataException>(() => RobustnessBracket.Read(files[0]));
            File.WriteAllText(files[0], "not json");
            Assert.Throws<InvalidDataException>(() => RobustnessBracket.Read(files[0]));
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Series that differ only in their crafting horizons keep different legend entries; solver details and sizes are dropped.</summary>
    [Fact]
    public void LegendNamesOneCraftingHorizonAndCountsSeveral()
    {
        Assert.Equal("SA-nODE (T = 120): attacked (apgd-ce-linf, crafted at T=5.5)",
            RobustnessBracket.SeriesName("SA-nODE N=784 (T = 120), euler, f32", "attacked", "apgd-ce-linf crafted at T=5.5"));
        Assert.Equal("SA-nODE (T = 120): attacked (autoattack-linf, worst of 3 crafting horizons)",
            RobustnessBracket.SeriesName("SA-nODE N=784 (T = 120)", "attacked", "autoattack-linf crafted at T=5.5, T=120, avg(T=5.5,15.4,42.9,120)"));
        Assert.Equal("ReLU MLP: certified (smoothing σ=0.25)", RobustnessBracket.SeriesName("ReLU MLP 784-800-10", "certified", "smoothing σ=0.25"));
    }
}
