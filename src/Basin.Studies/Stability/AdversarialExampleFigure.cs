using Basin.Plotting;
using Basin.Stability;
using Basin.Stability.Attacks;

namespace Basin.Studies.Stability;

/// <summary>Adversarial examples as a picture: a 3-row grid of original, adversarial and 5·|difference|, one column per example.</summary>
public static class AdversarialExampleFigure
{
    /// <summary>Writes up to 8 examples to PREFIX.png and PREFIX.svg; returns the files written.</summary>
    public static IReadOnlyList<string> Save(string prefix, IReadOnlyList<AdversarialExample> examples, string title)
    {
        if (examples.Count == 0) return [];
        int d = examples[0].Original.Length, side = (int)Math.Round(Math.Sqrt(d));
        if (side * side != d) throw new ArgumentException($"Saving examples needs square images; these have {d} pixels.");
        var shown = examples.Take(8).ToList();
        var grid = new ImageGrid { Title = $"{title}: original, adversarial, 5·|difference|", Columns = shown.Count, RowLabels = ["original", "adversarial", "5·|diff|"] };
        foreach (var e in shown) grid.Add(e.Original, side, side, $"label {e.Label}");
        foreach (var e in shown) grid.Add(e.Adversarial.Select(v => Math.Clamp(v, 0, 1)).ToArray(), side, side, $"→ {e.Prediction} (L2 {Attack.L2(e.Original, e.Adversarial):F2})");
        foreach (var e in shown) grid.Add(e.Original.Zip(e.Adversarial, (a, b) => Math.Min(1, 5 * Math.Abs(a - b))).ToArray(), side, side);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        if (dir != null) Directory.CreateDirectory(dir);
        grid.Save(prefix, 130 * shown.Count + 140, 460);
        return [prefix + ".png", prefix + ".svg"];
    }
}
