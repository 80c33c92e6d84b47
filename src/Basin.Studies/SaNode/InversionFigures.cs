using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Analysis;

namespace Basin.Studies.SaNode;

/// <summary>
/// Pictures of one inversion (paper Appendix B): the pixel trajectories xᵢ(t) forward past T_inv and the backward flow
/// retracing them (Fig. 9/11), snapshots of the image forward and backward (Fig. 10/12, left to right), and input vs
/// recovered vs difference; with the numbers as CSV.
/// </summary>
public static class InversionFigures
{
    /// <summary>States kept per direction for the trajectory plot.</summary>
    public const int TrajectoryPoints = 121;

    private const int GridSnapshots = 6;

    /// <summary>Writes the files for the first image of <paramref name="r"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string dir, SaNodeModel<double> m, InversionResult r, int index, string label, double tInv, double dt,
        ButcherTableau method)
    {
        int n = m.Config.N, side = (int)Math.Round(Math.Sqrt(n));
        var files = new List<string>();
        string Path_(string name) => Path.Combine(dir, name);

        var traj = PixelTrajectories(m, r, n, tInv, dt, method, label);
        traj.Save(Path_("inversion-pixels"), 1200, 520);
        traj.SaveCsv(Path_("inversion-pixels-trajectories.csv"));
        files.AddRange(["inversion-pixels.png", "inversion-pixels.svg", "inversion-pixels-trajectories.csv"]);

        var pixels = new CsvTable("pixel", "input", "x_t_inv", "recovered", "difference");
        for (int i = 0; i < n; i++) pixels.AddRow(i, r.Input[i], r.Final[i], r.Recovered[i], r.Recovered[i] - r.Input[i]);
        pixels.Save(Path_("inversion-pixels.csv"));
        files.Add("inversion-pixels.csv");

        if (side * side != n) return files.Select(Path_).ToList();
        var snapsF = Pick(r.ForwardSnapshots); var snapsB = Pick(r.BackwardSnapshots);
        var grid = new ImageGrid
        {
            Title = $"Test image {index} ({label}), red > 0 > blue: forward to T_inv = {tInv:G3}, then dx/dτ = −F(x) back ({method.Name}, Δt = {dt:G2})",
            Columns = GridSnapshots, RowLabels = ["forward", "backward"], ColorMap = ColorMap.Diverging, ValueMin = -1, ValueMax = 1,
        };
        foreach (var (t, x) in snapsF) grid.Add(x.AsSpan(0, n), side, side, $"t = {t:G3}");
        foreach (var (t, x) in snapsB) grid.Add(x.AsSpan(0, n), side, side, $"τ = {t:G3}");
        grid.Save(Path_("inversion-trajectory"), 150 * GridSnapshots + 140, 420);
        files.AddRange(["inversion-trajectory.png", "inversion-trajectory.svg"]);

        double maxDiff = 0;
        for (int i = 0; i < n; i++) maxDiff = Math.Max(maxDiff, Math.Abs(r.Recovered[i] - r.Input[i]));
        var rec = new ImageGrid { Title = $"Input, recovered, |difference| (MSE {r.Mse[0]:E2})", Columns = 3 };
        rec.Add(r.Input.AsSpan(0, n), side, side, "input");
        rec.Add(r.Recovered.Take(n).Select(v => Math.Clamp(v, 0, 1)).ToArray(), side, side, "recovered");
        rec.Add(r.Input.Zip(r.Recovered, (a, b) => maxDiff > 0 ? Math.Abs(a - b) / maxDiff : 0).Take(n).ToArray(), side, side,
            $"|diff| / {maxDiff:G2}");
        rec.Save(Path_("inversion-recovery"), 640, 300);
        files.AddRange(["inversion-recovery.png", "inversion-recovery.svg"]);
        return files.Select(Path_).ToList();
    }

    /// <summary>
    /// Two panels: xᵢ(t) forward from 0 to 2·T_inv (the second half integrated only for the picture, to show the clusters at ±a
    /// that the paper's Fig. 9 shows beyond T_inv), and the backward flow drawn against t = T_inv − τ so it retraces the first half.
    /// At most about 200 pixels are drawn (every k-th), coloured by the sign they end at.
    /// </summary>
    private static Figure PixelTrajectories(SaNodeModel<double> m, InversionResult r, int n, double tInv, double dt, ButcherTableau method, string label)
    {
        var runner = new SaNodeRunner<double>(m);
        runner.Refresh();
        double extraDt = Math.Max(dt, 1e-2);
        int extraSteps = (int)Math.Round(tInv / extraDt), every = Math.Max(1, extraSteps / 60);
        var extra = new List<(double Time, double[] State)>();
        var end = new double[n];
        runner.Predict(r.Final.AsSpan(0, n), 1, new SolverOptions(method, extraDt, extraSteps), end,
            (s, x) => { if (s > 0 && (s % every == 0 || s == extraSteps)) extra.Add((tInv + s * extraDt, x.ToArray())); });
        int stride = Math.Max(1, (n + 199) / 200);
        var forward = new LinePlot { Title = $"Forward: x_i(t) of every {stride}. pixel, T_inv = {tInv:G3}", XLabel = "t", YLabel = "x_i" };
        var backward = new LinePlot { Title = "Backward: x_i(T_inv − τ), retracing it", XLabel = "t = T_inv − τ", YLabel = "x_i" };
        var up = Palette.Category(0); var down = Palette.Category(3);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < n; i += stride)
        {
            var tf = r.ForwardSnapshots.Select(s => s.Time).Concat(extra.Select(s => s.Time)).ToArray();
            var yf = r.ForwardSnapshots.Select(s => s.States[i]).Concat(extra.Select(s => s.State[i])).ToArray();
            var tb = r.BackwardSnapshots.Select(s => tInv - s.Time).ToArray();
            var yb = r.BackwardSnapshots.Select(s => s.States[i]).ToArray();
            lo = Math.Min(lo, Math.Min(yf.Min(), yb.Min())); hi = Math.Max(hi, Math.Max(yf.Max(), yb.Max()));
            var color = end[i] >= 0 ? up : down;
            foreach (var (plot, t, y) in new[] { (forward, tf, yf), (backward, tb, yb) })
            {
                var s = plot.Add("", t, y);
                s.Color = color; s.Opacity = 0.45; s.LineWidth = 0.6;
            }
        }
        foreach (var plot in new[] { forward, backward })
        {
            var mark = plot.Add("T_inv", [tInv, tInv], [lo, hi]);
            mark.Color = Rgba32.Black; mark.LineWidth = 1.2;
        }
        var fig = new Figure(1, 2) { Title = $"Pixel trajectories of a {label} (Fig. 9 / 10): forward, then backward from x(T_inv)" };
        fig.Add(forward).Add(backward);
        return fig;
    }

    private static List<(double Time, double[] States)> Pick(IReadOnlyList<(double Time, double[] States)> snaps)
    {
        var list = new List<(double, double[])>();
        for (int k = 0; k < GridSnapshots; k++) list.Add(snaps[(int)Math.Round(k * (snaps.Count - 1) / (double)(GridSnapshots - 1))]);
        return list;
    }
}
