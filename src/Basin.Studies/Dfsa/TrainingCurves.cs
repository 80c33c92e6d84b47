using Basin.Dfsa.Training;
using Basin.Plotting;

namespace Basin.Studies.Dfsa;

/// <summary>
/// Writes a DFSA training run's curves: <c>curves.csv</c> (step, loss, each term, gradient norm, max|f|, weight RMS) and
/// <c>curves.svg/png</c>, one panel per column, each smoothed by a trailing moving average over 1 % of the steps.
/// </summary>
public static class TrainingCurves
{
    /// <summary>Writes the files into <paramref name="directory"/> and returns the figure's base path.</summary>
    public static string Write(string directory, TrainHistory history, string title)
    {
        Directory.CreateDirectory(directory);
        var steps = history.Steps;
        var x = steps.Select(s => (double)s.Step).ToArray();
        var names = new List<string> { "step", "loss" };
        var cols = new List<double[]> { x, steps.Select(s => s.Loss).ToArray() };
        for (int i = 0; i < history.TermNames.Count; i++)
        {
            names.Add(history.TermNames[i]);
            cols.Add(steps.Select(s => s.Values[i]).ToArray());
        }
        names.AddRange(["grad_norm", "max_abs_output", "weight_rms"]);
        cols.Add(steps.Select(s => s.GradNorm).ToArray());
        cols.Add(steps.Select(s => s.MaxAbsOutput).ToArray());
        cols.Add(steps.Select(s => s.WeightRms).ToArray());
        CsvTable.FromColumns(names, cols).Save(Path.Combine(directory, "curves.csv"));

        int panels = names.Count - 1, columns = 4, rows = (panels + columns - 1) / columns;
        var fig = new Figure(rows, columns) { Title = title, Width = 1400, Height = 260 * rows + 60 };
        for (int i = 1; i < names.Count; i++)
        {
            var plot = new LinePlot { Title = names[i], XLabel = "step" };
            plot.Add(names[i], x, Smooth(cols[i]));
            fig.Add(plot);
        }
        string basePath = Path.Combine(directory, "curves");
        fig.Save(basePath);
        return basePath;
    }

    private static double[] Smooth(double[] y)
    {
        int w = Math.Max(1, y.Length / 100);
        var s = new double[y.Length];
        double acc = 0;
        for (int i = 0; i < y.Length; i++)
        {
            acc += y[i];
            if (i >= w) acc -= y[i - w];
            s[i] = acc / Math.Min(i + 1, w);
        }
        return s;
    }
}
