using Basin.Cli.Commands;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Stability;
using Basin.Tensors;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin stability --model M</c>: finite-time Lyapunov exponents of an SA-nODE started next to its planted attractors,
/// compared with the linear-stability prediction max Re spec(−8|γ|a² I + βA), plus the attractor certificate.
/// </summary>
public static class StabilityCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model("SA-nODE model file or pretrained:mnist|fashion.");
        var attractors = new Option<int>("--attractors") { Description = "Attractors to start next to.", DefaultValueFactory = _ => 3 };
        var exponents = new Option<int>("--exponents") { Description = "Number of exponents p.", DefaultValueFactory = _ => 3 };
        var time = new Option<double>("--time") { Description = "Integration time (RK4).", DefaultValueFactory = _ => 20 };
        var dt = new Option<double>("--dt") { Description = "RK4 step.", DefaultValueFactory = _ => 0.01 };
        var json = CommonOptions.Json();
        var dataset = new Option<string>("--dataset") { Description = "Test images for the local Lipschitz estimates: mnist, fashion or letters.", DefaultValueFactory = _ => "mnist" };
        var lipCount = new Option<int>("--lipschitz-count") { Description = "Test images at which ‖∂x(T)/∂x(0)‖₂ is estimated (0 = skip).", DefaultValueFactory = _ => 8 };
        var lipSteps = new Option<int>("--lipschitz-steps") { Description = "Euler steps of Δt = 0.1 of the flow map for the Lipschitz estimate.", DefaultValueFactory = _ => 55 };
        var orbit = new Option<string>("--orbit") { Description = "DFSA models: iterate x ← f(x) as it is (raw) or projected onto the sphere of radius √n (sphere).", DefaultValueFactory = _ => "sphere" };
        orbit.AcceptOnlyFromAmong("raw", "sphere");
        var iterations = new Option<int>("--iterations") { Description = "DFSA models: iterations of the map per orbit.", DefaultValueFactory = _ => 2000 };
        var starts = new Option<int>("--starts") { Description = "DFSA models: orbits started from independent samples of the model's p(x).", DefaultValueFactory = _ => 5 };
        var cmd = new Command("stability", "Lyapunov exponents near the attractors of an SA-nODE vs the linear-stability prediction, local Lipschitz constants of the flow map, and the attractor certificate; for a DFSA network, the Lyapunov exponents of the iterated map and its local Lipschitz constants.")
            { model, attractors, exponents, time, dt, json, dataset, lipCount, lipSteps, orbit, iterations, starts };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = PretrainedModels.Resolve(p.GetValue(model)!);
            var bundle = Basin.Tensors.IO.SafeTensors.Load(path);
            if (bundle.Metadata.GetValueOrDefault("format") == Basin.Dfsa.Networks.DfsaModelFile.Format)
                return DfsaStability.Run(path, bundle, p.GetValue(orbit) == "raw" ? Basin.Stability.Maps.OrbitKind.Raw : Basin.Stability.Maps.OrbitKind.Sphere,
                    p.GetValue(iterations), p.GetValue(starts), p.GetValue(exponents), p.GetValue(lipCount), p.GetValue(json), ct);
            var m = SaNodeFile.FromBundle<double>(bundle);
            var cert = StabilityCertificate.Compute(m);
            int count = Math.Clamp(p.GetValue(attractors), 1, m.Config.K), pe = p.GetValue(exponents);
            int steps = (int)Math.Round(p.GetValue(time) / p.GetValue(dt));
            var field = new SaNodeTangentField(m);
            var rows = new JsonArray();
            var rng = new Rng(11);
            double worst = double.NegativeInfinity, maxRel = 0;
            for (int k = 0; k < count; k++)
            {
                ct.ThrowIfCancellationRequested();
                var x0 = m.Patterns.Row(k).ToArray();
                for (int i = 0; i < x0.Length; i++) x0[i] += 1e-3 * rng.NextNormal();
                var r = Lyapunov.Compute(field, x0, pe, p.GetValue(dt), steps);
                worst = Math.Max(worst, r.Exponents[0]);
                double rel = Math.Abs(r.Exponents[0] - cert.MaxRealJacobian) / Math.Abs(cert.MaxRealJacobian);
                maxRel = Math.Max(maxRel, rel);
                rows.Add(new JsonObject
                {
                    ["attractor"] = k, ["exponents"] = new JsonArray(r.Exponents.Select(e => (JsonNode)JsonValue.Create(Math.Round(e, 6))!).ToArray()),
                    ["relative_error_vs_prediction"] = Math.Round(rel, 5),
                });
            }
            var lips = new List<double>();
            int lc = p.GetValue(lipCount);
            if (lc > 0)
            {
                var data = DataCommand.Load(p.GetValue(dataset)!, Basin.Data.DataSplit.Test);
                if (data.PixelsPerImage != m.Config.N) throw new ArgumentException($"'{p.GetValue(dataset)}' images have {data.PixelsPerImage} pixels, the model N = {m.Config.N}.");
                var runner = new SaNodeRunner<double>(m);
                var opts = new Basin.Dynamics.SolverOptions(Basin.Dynamics.ButcherTableau.Euler, 0.1, p.GetValue(lipSteps), Clip: 10 * m.Config.A);
                for (int i = 0; i < Math.Min(lc, data.Count); i++)
                    lips.Add(FlowLipschitz.SpectralNorm(runner, CommonOptions.ImageAsDouble(data, i), opts));
            }
            var doc = new JsonObject
            {
                ["lipschitz"] = lips.Count == 0 ? null : new JsonObject
                {
                    ["horizon"] = p.GetValue(lipSteps) * 0.1, ["images"] = lips.Count,
                    ["median"] = lips.OrderBy(x => x).ElementAt(lips.Count / 2), ["max"] = lips.Max(),
                    ["values"] = new JsonArray(lips.Select(x => (JsonNode)JsonValue.Create(Math.Round(x, 5))!).ToArray()),
                },
                ["model"] = path, ["kind"] = "sanode", ["time"] = p.GetValue(time), ["dt"] = p.GetValue(dt),
                ["largest_lyapunov_exponent"] = worst, ["linear_prediction"] = cert.MaxRealJacobian,
                ["max_relative_error"] = maxRel, ["near_attractors"] = rows,
                ["attractors_stable"] = cert.StableByBound && cert.StableBySpectrum, ["settling_time"] = cert.SettlingTime,
            };
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
            var t = new Table().AddColumns("start", "largest exponents", "vs prediction");
            foreach (var r in rows)
                t.AddRow($"φ({r!["attractor"]}) + 10⁻³ noise", string.Join(", ", r["exponents"]!.AsArray().Select(e => $"{(double)e!:F4}")), $"{(double)r["relative_error_vs_prediction"]!:P2}");
            AnsiConsole.Write(t);
            if (lips.Count > 0)
                AnsiConsole.MarkupLine($"Local Lipschitz constant ‖∂x(T)/∂x(0)‖₂ of the flow map at T = {p.GetValue(lipSteps) * 0.1:G3} over {lips.Count} test images: median {lips.OrderBy(x => x).ElementAt(lips.Count / 2):G4}, max {lips.Max():G4}.");
            AnsiConsole.MarkupLine($"Largest finite-time Lyapunov exponent {worst:F4} (T = {p.GetValue(time)}, RK4 Δt = {p.GetValue(dt)}); linear prediction " +
                $"max Re spec(−8|γ|a² I + βA) = {cert.MaxRealJacobian:F4}; attractors certified stable: {cert.StableByBound && cert.StableBySpectrum}.");
            return 0;
        });
        return cmd;
    }
}
