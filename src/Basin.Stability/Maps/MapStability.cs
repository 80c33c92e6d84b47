using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Stability.Classifiers;
using Basin.Tensors;
using Basin.Tensors.Statistics;

namespace Basin.Stability.Maps;

/// <summary>What <see cref="MapStability"/> computes.</summary>
/// <param name="Orbit">Iterate x ← f(x) as it is, or projected onto the sphere of radius √n.</param>
/// <param name="Iterations">Iterations of the map per orbit.</param>
/// <param name="Starts">Orbits started from independent samples of the model's p(x).</param>
/// <param name="Exponents">Number p of exponents.</param>
/// <param name="LipschitzCount">Samples at which ‖J_f(x)‖₂ is estimated.</param>
public sealed record MapStabilityOptions(OrbitKind Orbit = OrbitKind.Sphere, int Iterations = 2000, int Starts = 5, int Exponents = 3, int LipschitzCount = 8);

/// <summary>One orbit's exponents (null where not finite).</summary>
/// <param name="Start">The orbit's index.</param>
/// <param name="Diverged">Whether the orbit left every bound.</param>
/// <param name="Iterations">Iterations done.</param>
/// <param name="Exponents">The p largest exponents, nats per iteration.</param>
public sealed record OrbitExponents(int Start, bool Diverged, int Iterations, double?[] Exponents);

/// <summary>The outcome of <see cref="MapStability.Run"/>.</summary>
/// <param name="Model">The model file.</param>
/// <param name="Kind">"dfsa".</param>
/// <param name="Architecture">The network's architecture.</param>
/// <param name="Input">Its input distribution.</param>
/// <param name="Orbit">"raw" or "sphere".</param>
/// <param name="Iterations">Iterations per orbit.</param>
/// <param name="LargestLyapunovExponent">Median λ₁ over the orbits that did not diverge (null if all diverged or the map is not square).</param>
/// <param name="Chaotic">Whether that median is positive.</param>
/// <param name="Orbits">Per orbit, its exponents (null when the map is not square).</param>
/// <param name="Lipschitz">Local Lipschitz constants ‖J_f(x)‖₂ at samples of p(x).</param>
public sealed record MapStabilityResult(string Model, string Kind, string Architecture, string Input, string Orbit, int Iterations,
    double? LargestLyapunovExponent, bool? Chaotic, List<OrbitExponents>? Orbits, LipschitzSummary? Lipschitz);

/// <summary>
/// A DFSA network ℝⁿ → ℝⁿ iterated as a dynamical system (<see cref="MapLyapunov"/>) from independent samples of its input
/// distribution, and its local Lipschitz constants ‖J_f(x)‖₂ by power iteration (<see cref="ClassifierLipschitz"/>). A
/// stochastic attractor shows λ₁ &gt; 0 (orbits separate); an SA-nODE shows λ₁ &lt; 0 near its attractors.
/// </summary>
public static class MapStability
{
    /// <summary>Runs the analysis on <paramref name="net"/> whose input distribution is <paramref name="input"/> (e.g. "gaussian").</summary>
    public static MapStabilityResult Run(string model, DfsaNetwork<double> net, string input, MapStabilityOptions o, CancellationToken cancel = default)
    {
        if (o.Starts < 1) throw new ArgumentException("--starts must be at least 1.");
        var dist = InputDistribution.Parse(input);
        int n = net.InputDim;
        var rng = new Rng(11);
        var largest = new List<double>();
        List<OrbitExponents>? orbits = null;
        if (net.InputDim == net.OutputDim)
        {
            orbits = [];
            var map = new DfsaTangentMap(net, o.Orbit);
            int p = Math.Clamp(o.Exponents, 1, n);
            for (int s = 0; s < o.Starts; s++)
            {
                cancel.ThrowIfCancellationRequested();
                var r = MapLyapunov.Compute(map, dist.Sample<double>(rng, 1, n).ToArray(), p, o.Iterations, seed: (ulong)(s + 1));
                if (!r.Diverged) largest.Add(r.Exponents[0]);
                orbits.Add(new OrbitExponents(s, r.Diverged, r.Iterations, r.Exponents.Select(e => double.IsFinite(e) ? e : (double?)null).ToArray()));
            }
        }
        var clf = new DfsaClassifier(net);
        var lips = new List<double>();
        for (int k = 0; k < Math.Max(0, o.LipschitzCount); k++)
            lips.Add(ClassifierLipschitz.SpectralNorm(clf, dist.Sample<double>(rng, 1, n).ToArray()));
        double? med = largest.Count == 0 ? null : Summary.Median(largest);
        return new MapStabilityResult(model, "dfsa", net.Spec.Architecture.ToString(), dist.Name, o.Orbit.ToString().ToLowerInvariant(), o.Iterations,
            med, med is { } v ? v > 0 : null, orbits, LipschitzSummary.Of(lips, null));
    }
}
