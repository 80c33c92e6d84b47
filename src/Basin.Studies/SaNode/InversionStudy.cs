using System.Diagnostics;
using Basin.Data;
using Basin.Dynamics;
using Basin.Plotting;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Tensors.Statistics;

namespace Basin.Studies.SaNode;

/// <summary>One inversion of <c>basin sanode invert</c>: forward to T_inv, then dx/dτ = −F(x) back (Appendix B of Marino et al. 2024).</summary>
/// <param name="TInv">Forward time T_inv.</param>
/// <param name="Dt">Step size.</param>
/// <param name="Solver">Method name.</param>
/// <param name="Images">Images inverted together.</param>
/// <param name="First">Index of the first.</param>
/// <param name="Label">Class name of the first.</param>
/// <param name="NearestAttractorAtTInv">Nearest attractor of the first image's x(T_inv).</param>
/// <param name="Mse">MSE(input, recovered) per image.</param>
/// <param name="MedianMse">Their median (<see cref="Summary.Median(ReadOnlySpan{double})"/>).</param>
/// <param name="MaxAbsDifference">max |input − recovered| over every pixel.</param>
/// <param name="StepsEachWay">round(T_inv/Δt).</param>
/// <param name="Rtol">Relative tolerance of an adaptive inversion (0 for fixed steps).</param>
/// <param name="Atol">Absolute tolerance of an adaptive inversion (0 for fixed steps).</param>
/// <param name="StepsTaken">Steps of both directions (accepted steps when adaptive).</param>
/// <param name="RejectedSteps">Rejected adaptive steps.</param>
/// <param name="Evaluations">Batched evaluations of F of both directions.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Files">Pictures and CSV written.</param>
public sealed record InversionReport(double TInv, double Dt, string Solver, int Images, int First, string Label, int NearestAttractorAtTInv,
    double[] Mse, double MedianMse, double MaxAbsDifference, int StepsEachWay, double Rtol, double Atol, long StepsTaken, long RejectedSteps,
    long Evaluations, double Seconds, IReadOnlyList<string> Files);

/// <summary>One cell of the inversion sweep.</summary>
/// <param name="TInv">Forward time.</param>
/// <param name="Dt">Step size.</param>
/// <param name="MedianMse">Median MSE(input, recovered) over the images.</param>
/// <param name="MaxMse">Largest MSE.</param>
/// <param name="Seconds">Wall time of this inversion.</param>
public sealed record InversionSweepCell(double TInv, double Dt, double MedianMse, double MaxMse, double Seconds);

/// <summary>The sweep of <c>basin sanode invert --sweep</c>: MSE(input, recovered) per T_inv and Δt.</summary>
/// <param name="Solver">Method name.</param>
/// <param name="Images">Images inverted together.</param>
/// <param name="Results">One cell per (Δt, T_inv), Δt-major.</param>
public sealed record InversionSweepReport(string Solver, int Images, InversionSweepCell[] Results);

/// <summary>
/// The inversion study of Marino et al. (2024, Appendix B, Fig. 9–12) as library calls, in float64: <see cref="Single"/>
/// inverts test images and draws their trajectories (<see cref="InversionFigures"/>); <see cref="Sweep"/> tabulates and
/// plots the median MSE(input, recovered) against T_inv and Δt.
/// </summary>
public static class InversionStudy
{
    /// <summary>Pixels of images <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1, after checking they exist and fit the model.</summary>
    public static double[] Inputs(SaNodeModel<double> m, LabeledImages data, int first, int count)
    {
        int n = m.Config.N;
        if (count < 1 || first < 0 || first + count > data.Count) throw new ArgumentException($"Images {first}..{first + count - 1} are outside the {data.Count} test images.");
        if (data.PixelsPerImage != n) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels, the model N = {n}.");
        var x0 = new double[count * n];
        for (int b = 0; b < count; b++) { var img = data.Image(first + b); for (int i = 0; i < n; i++) x0[b * n + i] = img[i]; }
        return x0;
    }

    /// <summary>Inverts images <paramref name="first"/>… and writes the pictures and CSV of the first into <paramref name="dir"/>.</summary>
    /// <remarks>With <paramref name="rtol"/> or <paramref name="atol"/> positive the inversion is adaptive
    /// (<see cref="Inversion.RunAdaptive"/>; <paramref name="dt"/> then only sets the step of the trajectory figure).</remarks>
    public static InversionReport Single(SaNodeModel<double> m, LabeledImages data, int first, int count, double tInv, double dt, ButcherTableau method,
        string dir, CancellationToken cancel = default, double rtol = 0, double atol = 0, int maxSteps = 100_000)
    {
        var x0 = Inputs(m, data, first, count);
        Directory.CreateDirectory(dir);
        bool adaptive = rtol > 0 || atol > 0;
        var sw = Stopwatch.StartNew();
        var r = adaptive
            ? Inversion.RunAdaptive(m, x0, count, tInv, method, rtol, atol, maxSteps, InversionFigures.TrajectoryPoints, cancel)
            : Inversion.Run(m, x0, count, tInv, dt, method, snapshots: InversionFigures.TrajectoryPoints, cancel: cancel);
        double seconds = sw.Elapsed.TotalSeconds;
        int n = m.Config.N;
        string label = data.ClassNames[data.Labels[first]];
        var files = InversionFigures.Write(dir, m, r, first, label, tInv, dt, method);
        double maxDiff = 0;
        for (int i = 0; i < r.Input.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(r.Input[i] - r.Recovered[i]));
        int cls = SaNodeMetrics.Nearest<double>(r.Final.AsSpan(0, n), m.Patterns.ToArray(), n);
        return new InversionReport(tInv, dt, method.Name, count, first, label, cls, r.Mse, Summary.Median(r.Mse), maxDiff,
            adaptive ? 0 : (int)Math.Round(tInv / dt), adaptive ? rtol : 0, adaptive ? atol : 0, r.StepsTaken, r.RejectedSteps, r.Evaluations,
            Math.Round(seconds, 2), files);
    }

    /// <summary>Inverts the images for every T_inv and Δt; writes <c>inversion-sweep.{svg,png,csv}</c> into <paramref name="dir"/>.</summary>
    public static InversionSweepReport Sweep(SaNodeModel<double> m, LabeledImages data, int first, int count, ButcherTableau method, double[] tInvs, double[] dts,
        string dir, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var x0 = Inputs(m, data, first, count);
        Directory.CreateDirectory(dir);
        var cells = new List<InversionSweepCell>();
        var grid = new double[tInvs.Length, dts.Length];
        var csv = new CsvTable("t_inv", "dt", "median_mse", "max_mse", "seconds");
        for (int j = 0; j < dts.Length; j++)
            for (int i = 0; i < tInvs.Length; i++)
            {
                progress?.Report($"T_inv = {tInvs[i]}, Δt = {dts[j]} …");
                var sw = Stopwatch.StartNew();
                var r = Inversion.Run(m, x0, count, tInvs[i], dts[j], method, snapshots: 2, cancel: cancel);
                double med = Summary.Median(r.Mse), secs = Math.Round(sw.Elapsed.TotalSeconds, 3);
                grid[i, j] = med;
                cells.Add(new InversionSweepCell(tInvs[i], dts[j], med, r.Mse.Max(), secs));
                csv.AddRow(tInvs[i], dts[j], med, r.Mse.Max(), secs);
            }
        static double Floor(double mse) => Math.Max(mse, 1e-32);
        var byT = new LinePlot { Title = "MSE(input, recovered) vs T_inv", XLabel = "T_inv", YLabel = "MSE", LogY = true };
        for (int j = 0; j < dts.Length; j++)
            byT.Add($"Δt = {dts[j]:G2}", tInvs, Enumerable.Range(0, tInvs.Length).Select(i => Floor(grid[i, j])).ToArray()).Marker = MarkerShape.Circle;
        var byDt = new LinePlot { Title = "MSE(input, recovered) vs Δt", XLabel = "Δt", YLabel = "MSE", LogX = true, LogY = true };
        for (int i = 0; i < tInvs.Length; i++)
            byDt.Add($"T_inv = {tInvs[i]:G3}", dts, Enumerable.Range(0, dts.Length).Select(j => Floor(grid[i, j])).ToArray()).Marker = MarkerShape.Square;
        var fig = new Figure(1, 2) { Title = $"Inverting the flow (Appendix B): {method.Name}, float64, {count} image(s)" };
        fig.Add(byT).Add(byDt);
        fig.Save(Path.Combine(dir, "inversion-sweep"), 1200, 500);
        csv.Save(Path.Combine(dir, "inversion-sweep.csv"));
        return new InversionSweepReport(method.Name, count, cells.ToArray());
    }
}
