using Basin.Stability.Maps;
using Spectre.Console;

namespace Basin.Cli.Commands.Stability;

/// <summary><c>basin stability --model DFSA</c>: prints a <see cref="MapStabilityResult"/> (one JSON document with <c>--json</c>).</summary>
internal static class DfsaStability
{
    public static int Print(MapStabilityResult r, bool json)
    {
        if (json) { JsonPrinter.Print(r); return 0; }
        if (r.Orbits is null) AnsiConsole.MarkupLine("[yellow]The map is not square: no orbit to iterate, Lipschitz only.[/]");
        else
        {
            var t = new Table().AddColumns("orbit from a sample of p(x)", "largest exponents (nats/iteration)", "");
            foreach (var o in r.Orbits)
                t.AddRow($"{o.Start}", string.Join(", ", o.Exponents.Select(e => e is { } v ? $"{v:F4}" : "—")), o.Diverged ? "[red]diverged[/]" : "");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine(r.LargestLyapunovExponent is not { } l ? "[red]Every orbit diverged; try --orbit sphere.[/]"
                : $"Median largest Lyapunov exponent {l:F4} per iteration ({r.Orbit} orbit, {r.Iterations} iterations): " +
                  (l > 0 ? "[bold]positive — nearby orbits separate (a stochastic attractor).[/]" : "not positive — orbits contract."));
        }
        if (r.Lipschitz is { } lip) AnsiConsole.MarkupLine($"Local Lipschitz ‖J_f(x)‖₂ at {lip.Images} samples: median {lip.Median:G4}, max {lip.Max:G4}.");
        return 0;
    }
}
