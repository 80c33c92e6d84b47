namespace Basin.Stability.Classifiers;

/// <summary>
/// One SA-nODE read at several horizons T₁ … T_H, scores averaged: s̄(x) = (1/H) Σ_h s(x(T_h)), so an attack's loss
/// gradient through it is ∇ₓL(s̄) = (1/H) Σ_h J_hᵀ ∂L/∂s̄ with J_h = ∂s(x(T_h))/∂x from each horizon's exact discrete
/// adjoint — expectation over transformation (Athalye, Carlini &amp; Wagner, ICML 2018, §4) over the integration horizon,
/// the crafting model that neither a short nor a long horizon alone can mask (the loss is evaluated on the expected scores).
/// </summary>
public sealed class HorizonEnsembleClassifier : IClassifier
{
    private readonly SaNodeClassifier[] _members;

    /// <summary>The model of <paramref name="at"/> integrated with its solver to each of <paramref name="horizons"/> (each rounded to whole steps).</summary>
    public HorizonEnsembleClassifier(SaNodeClassifier at, IReadOnlyList<double> horizons)
    {
        if (horizons.Count < 1) throw new ArgumentException("An ensemble needs at least one horizon.");
        _members = horizons.Select(t => At(at, t)).ToArray();
    }

    /// <summary>The horizons T_h actually integrated (steps·|Δt|).</summary>
    public IReadOnlyList<double> Horizons => _members.Select(m => m.Horizon).ToArray();

    /// <summary><paramref name="c"/>'s model and solver integrated to <paramref name="horizon"/> (rounded to whole steps, at least one).</summary>
    public static SaNodeClassifier At(SaNodeClassifier c, double horizon)
    {
        if (!(horizon > 0) || !double.IsFinite(horizon)) throw new ArgumentException($"A crafting horizon must be positive and finite, got {horizon}.");
        int steps = Math.Max(1, (int)Math.Round(horizon / Math.Abs(c.Options.Dt)));
        return steps == c.Options.Steps ? c : new SaNodeClassifier(c.Model, c.Options with { Steps = steps }, c.SinglePrecision);
    }

    /// <inheritdoc/>
    public string Name => $"SA-nODE horizon average over T = {string.Join(", ", Horizons.Select(t => t.ToString("G4")))}";

    /// <inheritdoc/>
    public int Dimension => _members[0].Dimension;

    /// <inheritdoc/>
    public int Classes => _members[0].Classes;

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores)
    {
        var s = new double[batch * Classes];
        scores.Clear();
        foreach (var m in _members)
        {
            m.Scores(x, batch, s);
            for (int i = 0; i < s.Length; i++) scores[i] += s[i] / _members.Length;
        }
    }

    /// <inheritdoc/>
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
    {
        var s = new double[batch * Classes];
        var g = new double[batch * Dimension];
        var gs = new double[gradScores.Length];
        for (int i = 0; i < gs.Length; i++) gs[i] = gradScores[i] / _members.Length;
        gradX.Clear();
        scores.Clear();
        foreach (var m in _members)
        {
            m.InputGradient(x, batch, gs, g, s);
            for (int i = 0; i < g.Length; i++) gradX[i] += g[i];
            for (int i = 0; i < s.Length; i++) scores[i] += s[i] / _members.Length;
        }
    }
}
