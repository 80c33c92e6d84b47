using Basin.Dfsa.Terms;

namespace Basin.Dfsa.Training;

/// <summary>The MLP shape of <see cref="Presets.Network"/>: hidden layers and the initial-weight gain.</summary>
public sealed record PresetNetwork(int Layers, double InitGain);

/// <summary>
/// The white paper's nested rings (§E) as weight sets; negative weights maximise. Each ring adds terms to the one
/// outside it:
/// <list type="bullet">
/// <item><c>generic</c>: stochasticity, entropy, discontinuity, stability;</item>
/// <item><c>crypto</c>: generic + invertibility (invertibility, orthogonality, redundancy);</item>
/// <item><c>obfuscation</c>: crypto + geometry (distance, volume, time consistency);</item>
/// <item><c>generative</c> (§F): stochasticity + geometry, no invertibility, no entropy or discontinuity terms; it
/// keeps the stability terms, which every data-free run needs to stay bounded (see the ablation in the README).</item>
/// </list>
/// Maximised terms grow without bound (sensitivity ∝ output scale²), so the stability ring must grow at least as fast:
/// the quadratic ‖f‖² term has weight 1 and the overflow wall 100 (with 0.05 and 10 a generic run reached
/// E‖J‖²/m ≈ 830 and E‖f‖²/m ≈ 150 in 1 000 steps). The generative preset keeps ‖f‖² light (0.05) because a CPPN's
/// sigmoid outputs are bounded and a strong pull to 0 would only darken the images. Distance has weight 10 in the
/// obfuscation ring: at 1 the discontinuity terms erased the distance structure (distance correlation 0.03).
/// </summary>
public static class Presets
{
    private static readonly (string, double)[] Stochasticity = [("sensitivity", -1), ("gradient_norm", 0.1), ("curvature", -0.05)];
    private static readonly (string, double)[] Entropy = [("entropy", -1), ("mutual_information", 1)];
    private static readonly (string, double)[] Discontinuity =
        [("norm_discontinuity", -1), ("directional_discontinuity", -0.1), ("gradient_discontinuity", -0.1), ("hessian_discontinuity", -0.01), ("lipschitz", -0.05)];
    private static readonly (string, double)[] Stability = [("adaptive_regularization", 0.1), ("overflow", 100), ("log_magnitude", 0.1), ("output_norm", 1)];
    private static readonly (string, double)[] LightStability = [("adaptive_regularization", 0.1), ("overflow", 100), ("log_magnitude", 0.1), ("output_norm", 0.05)];
    private static readonly (string, double)[] Invertibility = [("invertibility", 1), ("orthogonality", 0.1), ("redundancy", 1)];
    private static readonly (string, double)[] Geometry = [("distance", 10), ("volume", 0.1), ("time_consistency", 0.5)];

    /// <summary>
    /// The MLP shape a preset trains when the caller leaves it open (<c>basin dfsa train</c> without <c>--layers</c>,
    /// <c>--init-gain</c>): two hidden layers at gain 1, except <c>crypto</c>, which needs a network whose avalanche alone is ½.
    /// The terms do not give that: on the default shape they lift avalanche 0.17 → 0.33 in 1 000 steps (64 → 64 → 64: 0.09 →
    /// 0.16), and the avalanche term alone reaches 0.33. A deep tanh MLP in the chaotic regime does: at gain 10 (weights
    /// N(0, 100/fan)) each hidden layer h ↦ tanh(W h + b) has largest Lyapunov exponent ≈ 0.73 per layer, and the share of output
    /// signs that a one-bit flip changes grows layer by layer roughly as p ↦ arccos(1 − 2p)/π towards ½ (the sign-network
    /// limit). Sixteen hidden layers reach avalanche ≈ 0.499 and pass the strict avalanche criterion at 10 240 samples (untrained:
    /// three seeds of three at 64 bits, two of three at 16 bits; trained 1 000 steps: both). The preset's terms keep the
    /// avalanche there while they train but do not make it (see the README's table).
    /// </summary>
    public static PresetNetwork Network(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "crypto" => new PresetNetwork(16, 10),
        _ => new PresetNetwork(2, 1),
    };

    /// <summary>Preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["generic", "crypto", "obfuscation", "generative"];

    /// <summary>The weighted terms of <paramref name="name"/>.</summary>
    public static IReadOnlyList<WeightedTerm> Get(string name)
    {
        IEnumerable<(string, double)> w = name.Trim().ToLowerInvariant() switch
        {
            "generic" => [.. Stochasticity, .. Entropy, .. Discontinuity, .. Stability],
            "crypto" => [.. Stochasticity, .. Entropy, .. Discontinuity, .. Stability, .. Invertibility],
            "obfuscation" => [.. Stochasticity, .. Entropy, .. Discontinuity, .. Stability, .. Invertibility, .. Geometry],
            "generative" => [.. Stochasticity, .. Geometry, .. LightStability],
            _ => throw new ArgumentException($"Unknown preset '{name}'; choose one of {string.Join(", ", Names)}."),
        };
        return w.Select(x => new WeightedTerm(TermCatalogue.Get(x.Item1), x.Item2)).ToArray();
    }
}
