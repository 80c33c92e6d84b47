using System.Globalization;
using Basin.Dfsa.Estimation;
using Basin.Dfsa.Terms;

namespace Basin.Dfsa.Training;

/// <summary>A term and its weight λ; a negative weight maximises the term.</summary>
public sealed record WeightedTerm(DfsaTerm Term, double Weight);

/// <summary>
/// The data-free loss L = Σ_i λ_i L_i (white paper §E). Built from a preset, then adjusted by
/// <c>name=weight</c> overrides (weight 0 removes a term).
/// </summary>
public sealed class Objective
{
    /// <summary>Creates an objective from weighted terms (names must be distinct, weights finite).</summary>
    public Objective(IEnumerable<WeightedTerm> terms)
    {
        Terms = terms.Where(t => t.Weight != 0).ToArray();
        if (Terms.Count == 0) throw new ArgumentException("The objective has no terms with a non-zero weight.");
        foreach (var t in Terms)
            if (!double.IsFinite(t.Weight)) throw new ArgumentException($"Term '{t.Term.Name}' has a non-finite weight.");
        if (Terms.Select(t => t.Term.Name).Distinct().Count() != Terms.Count) throw new ArgumentException("Each term may appear only once in an objective.");
    }

    /// <summary>The terms in evaluation order.</summary>
    public IReadOnlyList<WeightedTerm> Terms { get; }

    /// <summary>The term names.</summary>
    public IReadOnlyList<string> Names => Terms.Select(t => t.Term.Name).ToArray();

    /// <summary>Evaluates every term on <paramref name="ctx"/>: the weighted sum (on the tape) and each term's unweighted value.</summary>
    public (Var<T> Loss, double[] Values) Evaluate<T>(TermContext<T> ctx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new double[Terms.Count];
        Var<T>? loss = null;
        for (int i = 0; i < Terms.Count; i++)
        {
            var v = Terms[i].Term.Evaluate(ctx);
            values[i] = double.CreateTruncating(v.Item());
            var w = v.Scale(T.CreateTruncating(Terms[i].Weight));
            loss = loss is null ? w : loss.Add(w);
        }
        return (loss!, values);
    }

    /// <summary>
    /// The objective of <paramref name="preset"/> (or none) with <paramref name="overrides"/> (<c>name=weight</c>)
    /// applied in order; <paramref name="withoutStability"/> drops the stability terms (ablation).
    /// </summary>
    public static Objective Build(string? preset, IEnumerable<string> overrides, bool withoutStability = false, IEnumerable<WeightedTerm>? extra = null)
    {
        var weights = new List<(DfsaTerm Term, double Weight)>();
        if (!string.IsNullOrWhiteSpace(preset)) weights.AddRange(Presets.Get(preset).Select(t => (t.Term, t.Weight)));
        foreach (var spec in overrides)
        {
            var (term, w) = ParseOverride(spec);
            int i = weights.FindIndex(x => x.Term.Name == term.Name);
            if (i >= 0) weights[i] = (term, w);
            else weights.Add((term, w));
        }
        if (withoutStability) weights.RemoveAll(x => x.Term.Group == TermGroup.Stability);
        var all = weights.Select(x => new WeightedTerm(x.Term, x.Weight)).ToList();
        if (extra != null) all.AddRange(extra);
        return new Objective(all);
    }

    /// <summary>Parses <c>name=weight</c>.</summary>
    public static (DfsaTerm Term, double Weight) ParseOverride(string spec)
    {
        int eq = spec.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--term expects name=weight (negative weight = maximise), got '{spec}'.");
        var term = TermCatalogue.Get(spec[..eq]);
        if (!double.TryParse(spec[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !double.IsFinite(w))
            throw new ArgumentException($"--term {spec}: '{spec[(eq + 1)..]}' is not a number.");
        return (term, w);
    }

    /// <summary>The weights as <c>name=weight</c> pairs joined by commas (stored in model files).</summary>
    public override string ToString() =>
        string.Join(",", Terms.Select(t => $"{t.Term.Name}={t.Weight.ToString("R", CultureInfo.InvariantCulture)}"));
}
