using System.CommandLine;
using Basin.SaNode;
using Basin.Stability;
using Basin.Stability.Classifiers;
using Basin.Stability.Maps;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary>
/// <c>basin stability --model M</c>: for an SA-nODE, <see cref="AttractorStability"/> (Lyapunov exponents near the planted
/// attractors vs the linear prediction, Lipschitz constants of the flow map, the certificate); for a DFSA network,
/// <see cref="MapStability"/> (<see cref="DfsaStability"/> prints it).
/// </summary>
public static class StabilityCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var d = new AttractorStabilityOptions();
        var model = CommonOptions.Model("SA-nODE or DFSA model file, or pretrained:mnist|fashion.");
        var attractors = new Option<int>("--attractors") { Description = "Attractors to start next to.", DefaultValueFactory = _ => d.Attractors };
        var exponents = new Option<int>("--exponents") { Description = "Number of exponents p.", DefaultValueFactory = _ => d.Exponents };
        var time = new Option<double>("--time") { Description = "Integration time (RK4).", DefaultValueFactory = _ => d.Time };
        var dt = new Option<double>("--dt") { Description = "RK4 step.", DefaultValueFactory = _ => d.Dt };
        var json = CommonOptions.Json();
        var dataset = CommonOptions.Dataset("Test images for the local Lipschitz estimates: mnist, fashion or letters.");
        var lipCount = new Option<int>("--lipschitz-count") { Description = "Test images (DFSA: samples) at which the local Lipschitz constant is estimated (0 = skip).", DefaultValueFactory = _ => d.LipschitzCount };
        var lipSteps = new Option<int>("--lipschitz-steps") { Description = "Euler steps of Δt = 0.1 of the flow map for the Lipschitz estimate.", DefaultValueFactory = _ => d.LipschitzSteps };
        var orbit = new Option<string>("--orbit") { Description = "DFSA models: iterate x ← f(x) as it is (raw) or projected onto the sphere of radius √n (sphere).", DefaultValueFactory = _ => "sphere" };
        orbit.AcceptOnlyFromAmong("raw", "sphere");
        var iterations = new Option<int>("--iterations") { Description = "DFSA models: iterations of the map per orbit.", DefaultValueFactory = _ => 2000 };
        var starts = new Option<int>("--starts") { Description = "DFSA models: orbits started from independent samples of the model's p(x).", DefaultValueFactory = _ => 5 };
        var cmd = new Command("stability", "Lyapunov exponents near the attractors of an SA-nODE vs the linear-stability prediction, local Lipschitz constants of the flow map, and the attractor certificate; for a DFSA network, the Lyapunov exponents of the iterated map and its local Lipschitz constants.")
            { model, attractors, exponents, time, dt, json, dataset, lipCount, lipSteps, orbit, iterations, starts };
        CommandAction.Set(cmd, (p, ct) =>
        {
            var path = ModelFiles.Resolve(p.GetValue(model)!);
            var (bundle, format) = ModelFiles.Open(path);
            if (format == ModelFormat.Dfsa)
            {
                var net = Basin.Dfsa.Networks.DfsaModelFile.FromBundle<double>(bundle);
                var mo = new MapStabilityOptions(p.GetValue(orbit) == "raw" ? OrbitKind.Raw : OrbitKind.Sphere, p.GetValue(iterations), p.GetValue(starts),
                    p.GetValue(exponents), p.GetValue(lipCount));
                return DfsaStability.Print(MapStability.Run(path, net, bundle.Metadata.GetValueOrDefault("input", "gaussian"), mo, ct), p.GetValue(json));
            }
            var m = SaNodeFile.FromBundle<double>(bundle);
            var o = new AttractorStabilityOptions(p.GetValue(attractors), p.GetValue(exponents), p.GetValue(time), p.GetValue(dt), p.GetValue(lipCount), p.GetValue(lipSteps));
            var data = o.LipschitzCount > 0 ? DataCommand.Load(p.GetValue(dataset)!, Basin.Data.DataSplit.Test) : null;
            var r = AttractorStability.Run(path, m, data, o, ct);
            if (p.GetValue(json)) { JsonPrinter.Print(r); return 0; }
            var t = new Table().AddColumns("start", "largest exponents", "vs prediction");
            foreach (var a in r.NearAttractors)
                t.AddRow($"φ({a.Attractor}) + 10⁻³ noise", string.Join(", ", a.Exponents.Select(e => $"{e:F4}")), $"{a.RelativeErrorVsPrediction:P2}");
            AnsiConsole.Write(t);
            if (r.Lipschitz is { } l)
                AnsiConsole.MarkupLine(Markup.Escape($"Local Lipschitz constant ‖∂x(T)/∂x(0)‖₂ of the flow map at T = {l.Horizon:G3} over {l.Images} test images: median {l.Median:G4}, max {l.Max:G4}."));
            AnsiConsole.MarkupLine(Markup.Escape($"Largest finite-time Lyapunov exponent {r.LargestLyapunovExponent:F4} (T = {r.Time}, RK4 Δt = {r.Dt}); linear prediction " +
                $"max Re spec(−8|γ|a² I + βA) = {r.LinearPrediction:F4}; attractors certified stable: {r.AttractorsStable}."));
            return 0;
        });
        return cmd;
    }
}
