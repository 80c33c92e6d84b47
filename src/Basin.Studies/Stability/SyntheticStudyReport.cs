using Basin.Plotting;
using Basin.Stability;

namespace Basin.Studies.Stability;

/// <summary>
/// The report of <see cref="SyntheticStudy"/>: <c>synthetic</c> (unstable share vs training-set size for the fixed-size
/// ReLU MLP, 1-NN and SA-nODE), <c>synthetic-accuracy</c> (SVG and PNG each) and <c>synthetic.csv</c>.
/// </summary>
public static class SyntheticStudyReport
{
    /// <summary>Writes the figures and the table for <paramref name="rows"/> into <paramref name="dir"/>; returns the files written.</summary>
    /// <param name="rows">The study's rows, one per training-set size.</param>
    /// <param name="dir">Output directory.</param>
    /// <param name="dim">Input dimension.</param>
    /// <param name="eps">Half-width of the empty band.</param>
    /// <param name="hidden">Hidden width of the MLP.</param>
    /// <param name="cells">0: the sphere problem; g: a g×g checkerboard.</param>
    /// <param name="withSaNode">Whether the SA-nODE was trained.</param>
    public static IReadOnlyList<string> Write(IReadOnlyList<SyntheticRow> rows, string dir, int dim, double eps, int hidden, int cells, bool withSaNode)
    {
        Directory.CreateDirectory(dir);
        var n = rows.Select(r => (double)r.TrainSize).ToArray();
        string problem = cells > 0 ? $"{cells}×{cells} checkerboard" : "sphere";
        var plot = new LinePlot { Title = $"{problem}, d = {dim}: correct test points flippable within ε = {eps}", XLabel = "training-set size", YLabel = "unstable share", LogX = true };
        plot.Add($"ReLU MLP {dim}-{hidden}-2 (fixed size)", n, rows.Select(r => r.MlpUnstableShare).ToArray()).Marker = MarkerShape.Circle;
        plot.Add("1-nearest neighbour (upper bound)", n, rows.Select(r => r.NearestUnstableShare).ToArray()).Marker = MarkerShape.Square;
        if (withSaNode) plot.Add($"SA-nODE N={Math.Max(dim, 8)}, K=2 (T = 5.5)", n, rows.Select(r => r.SaNodeUnstableShare).ToArray()).Marker = MarkerShape.TriangleUp;
        plot.Save(Path.Combine(dir, "synthetic"), 900, 540);
        var acc = new LinePlot { Title = $"{problem}, d = {dim}: accuracy", XLabel = "training-set size", YLabel = "test accuracy", LogX = true };
        acc.Add("ReLU MLP", n, rows.Select(r => r.MlpTestAccuracy).ToArray()).Marker = MarkerShape.Circle;
        acc.Add("ReLU MLP (train)", n, rows.Select(r => r.MlpTrainAccuracy).ToArray()).Marker = MarkerShape.Diamond;
        acc.Add("1-nearest neighbour", n, rows.Select(r => r.NearestTestAccuracy).ToArray()).Marker = MarkerShape.Square;
        if (withSaNode) acc.Add("SA-nODE", n, rows.Select(r => r.SaNodeTestAccuracy).ToArray()).Marker = MarkerShape.TriangleUp;
        acc.Save(Path.Combine(dir, "synthetic-accuracy"), 900, 540);
        var csv = new CsvTable("train_size", "mlp_train_acc", "mlp_test_acc", "mlp_unstable_share", "nn_test_acc", "nn_unstable_share_upper_bound",
            "sanode_train_acc", "sanode_test_acc", "sanode_unstable_share");
        foreach (var r in rows) csv.AddRow(r.TrainSize, r.MlpTrainAccuracy, r.MlpTestAccuracy, r.MlpUnstableShare, r.NearestTestAccuracy, r.NearestUnstableShare,
            r.SaNodeTrainAccuracy, r.SaNodeTestAccuracy, r.SaNodeUnstableShare);
        csv.Save(Path.Combine(dir, "synthetic.csv"));
        return [.. new[] { "synthetic", "synthetic-accuracy" }.SelectMany(f => new[] { Path.Combine(dir, f + ".svg"), Path.Combine(dir, f + ".png") }), Path.Combine(dir, "synthetic.csv")];
    }
}
