using System.CommandLine;
using System.Text.Json.Nodes;
using Basin.Stability;

namespace Basin.Cli.Commands.Stability;

/// <summary>Options and outputs shared by the stability commands.</summary>
public static class CommonStability
{
    /// <summary><c>--steps</c>: SA-nODE Euler steps of Δt = 0.1 for the scores (the horizon T = steps·Δt is reported with every result).</summary>
    public static Option<int> Steps() =>
        new("--steps") { Description = "SA-nODE: Euler steps of Δt = 0.1 for the scores (T = steps·0.1; reported with every result).", DefaultValueFactory = _ => 55 };

    /// <summary><c>--precision</c>: the SA-nODE integration precision of attacks (f64 default; f32 twice as fast).</summary>
    public static Option<string> Precision()
    {
        var o = new Option<string>("--precision") { Description = "SA-nODE: integrate in f64 or f32 (f32: twice the speed, the training precision).", DefaultValueFactory = _ => "f64" };
        o.AcceptOnlyFromAmong("f32", "f64");
        return o;
    }

    /// <summary>A JSON number, or null for ±∞/NaN.</summary>
    public static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>Writes up to 8 examples as a 3-row grid (original, adversarial, 5·|difference|) to PREFIX.png and PREFIX.svg.</summary>
    public static void SaveExamples(string prefix, IReadOnlyList<AdversarialExample> examples, string title)
    {
        int d = examples[0].Original.Length, side = (int)Math.Round(Math.Sqrt(d));
        if (side * side != d) throw new ArgumentException($"Saving examples needs square images; these have {d} pixels.");
        var shown = examples.Take(8).ToList();
        var grid = new Basin.Plotting.ImageGrid { Title = $"{title}: original, adversarial, 5·|difference|", Columns = shown.Count, RowLabels = ["original", "adversarial", "5·|diff|"] };
        foreach (var e in shown) grid.Add(e.Original, side, side, $"label {e.Label}");
        foreach (var e in shown) grid.Add(e.Adversarial.Select(v => Math.Clamp(v, 0, 1)).ToArray(), side, side, $"→ {e.Prediction} (L2 {Basin.Stability.Attacks.Attack.L2(e.Original, e.Adversarial):F2})");
        foreach (var e in shown) grid.Add(e.Original.Zip(e.Adversarial, (a, b) => Math.Min(1, 5 * Math.Abs(a - b))).ToArray(), side, side);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        if (dir != null) Directory.CreateDirectory(dir);
        grid.Save(prefix, 130 * shown.Count + 140, 460);
    }
}
