using System.Globalization;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Attacks;

/// <summary>
/// A model a gradient attack crafts its points on while they are judged on another: for an SA-nODE, the same ODE
/// integrated to a crafting horizon T_c (or the horizon average of <see cref="HorizonEnsembleClassifier"/>), with the exact
/// discrete adjoint, and judged at the evaluation horizon. A long horizon flattens the input gradient (the flow has
/// contracted onto an attractor), a short one differs from what is judged, so the standard SA-nODE run takes the
/// per-image worst case over crafting at the training horizon, at the evaluation horizon and averaged over horizons
/// (<see cref="Standard"/>).
/// </summary>
/// <param name="Label">How results name it: <c>T=5.5</c>, or <c>avg(T=5.5,15.6,44.3,120)</c>.</param>
/// <param name="Horizons">The horizons whose scores the crafting model averages (one for a single horizon).</param>
/// <param name="Crafter">The model the gradient attack runs on.</param>
public sealed record CraftingHorizon(string Label, IReadOnlyList<double> Horizons, IClassifier Crafter)
{
    /// <summary>Horizons of the average in the standard run.</summary>
    public const int AverageCount = 4;

    /// <summary>The crafting model for <paramref name="horizons"/> of <paramref name="judge"/>'s ODE: one horizon, or their average.</summary>
    public static CraftingHorizon Of(SaNodeClassifier judge, IReadOnlyList<double> horizons)
    {
        if (horizons.Count == 1)
        {
            var c = HorizonEnsembleClassifier.At(judge, horizons[0]);
            return new CraftingHorizon($"T={c.Horizon.ToString("G4", CultureInfo.InvariantCulture)}", [c.Horizon], c);
        }
        var e = new HorizonEnsembleClassifier(judge, horizons);
        return new CraftingHorizon($"avg(T={string.Join(",", e.Horizons.Select(t => t.ToString("G4", CultureInfo.InvariantCulture)))})", e.Horizons, e);
    }

    /// <summary>
    /// The standard SA-nODE run: crafting at the training horizon <paramref name="training"/>, at the evaluation horizon
    /// (<paramref name="judge"/>'s own) and averaged over <see cref="AverageCount"/> horizons spaced geometrically between
    /// them, T_i = T_train·(T_eval/T_train)^(i/3); the training horizon first (cheapest, and strongest where the long
    /// horizon masks). Duplicates (T_train = T_eval) are dropped.
    /// </summary>
    public static IReadOnlyList<CraftingHorizon> Standard(SaNodeClassifier judge, double training)
    {
        double eval = judge.Horizon;
        var sets = new List<double[]> { new[] { training }, new[] { eval } };
        if (Math.Abs(eval - training) > 1e-9)
            sets.Add(Enumerable.Range(0, AverageCount).Select(i => training * Math.Pow(eval / training, i / (double)(AverageCount - 1))).ToArray());
        return Distinct(sets.Select(s => Of(judge, s)));
    }

    /// <summary>
    /// Parses <c>--craft-horizons</c>: comma-separated items, each a horizon (<c>5.5</c>) or a <c>+</c>-joined list whose scores
    /// are averaged (<c>5.5+20+60+120</c>); <c>standard</c> is <see cref="Standard"/>, <c>eval</c> the evaluation horizon alone.
    /// </summary>
    public static IReadOnlyList<CraftingHorizon> Parse(string spec, SaNodeClassifier judge, double? training)
    {
        var items = (spec ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new ArgumentException("--craft-horizons is empty; give e.g. 'standard', 'eval' or '5.5,120,5.5+20+60+120'.");
        var r = new List<CraftingHorizon>();
        foreach (var item in items)
        {
            if (item.Equals("standard", StringComparison.OrdinalIgnoreCase))
                r.AddRange(Standard(judge, training ?? throw new ArgumentException("The model records no training horizon; give --craft-horizons explicitly.")));
            else if (item.Equals("eval", StringComparison.OrdinalIgnoreCase)) r.Add(Of(judge, [judge.Horizon]));
            else
            {
                var ts = item.Split('+', StringSplitOptions.TrimEntries).Select(v =>
                    double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 && double.IsFinite(t) ? t
                        : throw new ArgumentException($"--craft-horizons: '{v}' is not a positive horizon.")).ToArray();
                r.Add(Of(judge, ts));
            }
        }
        return Distinct(r);
    }

    private static IReadOnlyList<CraftingHorizon> Distinct(IEnumerable<CraftingHorizon> hs) =>
        hs.GroupBy(h => h.Label).Select(g => g.First()).ToArray();
}
