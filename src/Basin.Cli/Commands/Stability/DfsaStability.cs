using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Stability;
using Basin.Stability.Classifiers;
using Basin.Stability.Maps;
using Basin.Tensors;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin stability --model DFSA</c>: the network ℝⁿ → ℝⁿ iterated as a dynamical system (<see cref="MapLyapunov"/>) from
/// independent samples of its input distribution, and local Lipschitz constants ‖J_f(x)‖₂ by power iteration. A stochastic
/// attractor should show λ₁ &gt; 0 (orbits separate); an SA-nODE shows λ₁ &lt; 0 near its attractors.
/// </summary>
internal static class DfsaStability
{
    public static int Run(string path, Basin.Tensors.IO.TensorBundle bundle, OrbitKind kind, int iterations, int starts, int exponents, int lipCount, bool json, CancellationToken ct)
    {
        var net = DfsaModelFile.FromBundle<double>(bundle);
        var meta = bundle.Metadata;
        if (starts < 1) throw new ArgumentException("--starts must be at least 1.");
        var dist = InputDistribution.Parse(meta.TryGetValue("input", out var i) ? i : "gaussian");
        int n = net.InputDim;
        var rng = new Rng(11);
        var orbits = new JsonArray();
        var largest = new List<double>();
        bool square = net.InputDim == net.OutputDim;
        if (square)
        {
            var map = new DfsaTangentMap(net, kind);
            int p = Math.Clamp(exponents, 1, n);
            for (int s = 0; s < starts; s++)
            {
                ct.ThrowIfCancellationRequested();
                var x0 = dist.Sample<double>(rng, 1, n).ToArray();
                var r = MapLyapunov.Compute(map, x0, p, iterations, seed: (ulong)(s + 1));
                if (!r.Diverged) largest.Add(r.Exponents[0]);
                orbits.Add(new JsonObject
                {
                    ["start"] = s, ["diverged"] = r.Diverged, ["iterations"] = r.Iterations,
                    ["exponents"] = new JsonArray(r.Exponents.Select(e => (JsonNode?)(double.IsFinite(e) ? JsonValue.Create(Math.Round(e, 6)) : null)).ToArray()),
                });
            }
        }
        var clf = new DfsaClassifier(net);
        var lips = new List<double>();
        for (int k = 0; k < Math.Max(0, lipCount); k++)
            lips.Add(ClassifierLipschitz.SpectralNorm(clf, dist.Sample<double>(rng, 1, n).ToArray()));
        lips.Sort();
        largest.Sort();
        static double? Med(List<double> sorted) => sorted.Count == 0 ? null : sorted[sorted.Count / 2];
        var doc = new JsonObject
        {
            ["model"] = path, ["kind"] = "dfsa", ["architecture"] = net.Spec.Architecture.ToString(), ["input"] = dist.Name,
            ["orbit"] = kind.ToString().ToLowerInvariant(), ["iterations"] = iterations,
            ["largest_lyapunov_exponent"] = Med(largest), ["chaotic"] = largest.Count == 0 ? null : Med(largest) > 0,
            ["orbits"] = square ? orbits : null,
            ["lipschitz"] = lips.Count == 0 ? null : new JsonObject { ["points"] = lips.Count, ["median"] = Med(lips), ["max"] = lips[^1] },
        };
        if (json) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
        if (!square) AnsiConsole.MarkupLine($"[yellow]{net.InputDim}→{net.OutputDim} is not square: no orbit to iterate, Lipschitz only.[/]");
        else
        {
            var t = new Table().AddColumns("orbit from a sample of p(x)", "largest exponents (nats/iteration)", "");
            foreach (var o in orbits)
                t.AddRow($"{o!["start"]}", string.Join(", ", o["exponents"]!.AsArray().Select(e => e is null ? "—" : $"{(double)e:F4}")), (bool)o["diverged"]! ? "[red]diverged[/]" : "");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine(largest.Count == 0 ? "[red]Every orbit diverged; try --orbit sphere.[/]"
                : $"Median largest Lyapunov exponent {Med(largest):F4} per iteration ({kind.ToString().ToLowerInvariant()} orbit, {iterations} iterations): " +
                  (Med(largest) > 0 ? "[bold]positive — nearby orbits separate (a stochastic attractor).[/]" : "not positive — orbits contract."));
        }
        if (lips.Count > 0) AnsiConsole.MarkupLine($"Local Lipschitz ‖J_f(x)‖₂ at {lips.Count} samples: median {Med(lips):G4}, max {lips[^1]:G4}.");
        return 0;
    }
}
