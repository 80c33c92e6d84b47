namespace Basin.Dfsa.Terms;

/// <summary>
/// Every metric of the white paper's appendix, one class each, in the appendix's order. The CLI help, the presets
/// and the gradient tests read this list; adding a term is one file plus one line here.
/// </summary>
public static class TermCatalogue
{
    /// <summary>All terms.</summary>
    public static IReadOnlyList<DfsaTerm> All { get; } =
    [
        new SensitivityTerm(),
        new GradientNormTerm(),
        new CurvatureTerm(),
        new EntropyTerm(),
        new MutualInformationTerm(),
        new NormDiscontinuityTerm(),
        new DirectionalDiscontinuityTerm(),
        new GradientDiscontinuityTerm(),
        new HessianDiscontinuityTerm(),
        new LipschitzTerm(),
        new AvalancheTerm(),
        new AdaptiveRegularizationTerm(),
        new OverflowTerm(),
        new LogMagnitudeTerm(),
        new OutputNormTerm(),
        new InvertibilityTerm(),
        new OrthogonalityTerm(),
        new RedundancyTerm(),
        new DistanceTerm(),
        new VolumeTerm(),
        new TimeConsistencyTerm(),
    ];

    /// <summary>The term names, in catalogue order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();

    /// <summary>The term called <paramref name="name"/>, or an <see cref="ArgumentException"/> listing the names.</summary>
    public static DfsaTerm Get(string name) =>
        All.FirstOrDefault(t => t.Name == name.Trim().ToLowerInvariant())
        ?? throw new ArgumentException($"Unknown term '{name}'. Terms: {string.Join(", ", Names)}.");
}
