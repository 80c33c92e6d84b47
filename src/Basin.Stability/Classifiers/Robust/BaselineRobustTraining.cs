using System.Globalization;
using Basin.SaNode.Training.Robust;

namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// The baselines' robust-training recipes, parsed from the same text as <c>sanode train --robust</c> (one syntax, one
/// parser: <see cref="RobustTraining.Parse"/>) so a recipe names the same training for SA-nODE and for its MLP control:
/// <c>gaussian:σ</c> → <see cref="BaselineGaussianNoise"/>, <c>pgd:eps=ε[,steps=K]</c> → <see cref="BaselinePgdTraining"/>
/// (the step is fixed at 2.5ε/K, the catalogue PGD's; another <c>step=</c> is refused), and the baselines' own
/// <c>trades:eps=ε[,steps=K][,step=α][,beta=β]</c> → <see cref="BaselineTradesTraining"/> (Zhang et al. 2019; not yet an
/// SA-nODE recipe).
/// </summary>
public static class BaselineRobustTraining
{
    /// <summary>The recipe names: SA-nODE's (<see cref="RobustTraining.Names"/>) and <c>trades</c>, the baselines' own.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. RobustTraining.Names, "trades"];

    /// <summary>Parses a recipe; an <see cref="ArgumentException"/> names what is wrong.</summary>
    public static IBaselineRecipe Parse(string spec)
    {
        var s = (spec ?? "").Trim();
        if (s.StartsWith("trades", StringComparison.OrdinalIgnoreCase)) return ParseTrades(s);
        return RobustTraining.Parse(s) switch
        {
            GaussianNoiseTraining g => new BaselineGaussianNoise(g.Sigma),
            PgdAdversarialTraining p when Math.Abs(p.StepSize - 2.5 * p.Epsilon / p.Steps) <= 1e-12 * p.StepSize => new BaselinePgdTraining(p.Epsilon, p.Steps),
            PgdAdversarialTraining p => throw new ArgumentException(FormattableString.Invariant(
                $"--robust pgd: the baselines' PGD uses the step 2.5ε/steps = {2.5 * p.Epsilon / p.Steps:R}; step={p.StepSize:R} is not supported here.")),
            var other => throw new ArgumentException($"--robust: recipe '{other.Spec}' has no baseline counterpart."),
        };
    }

    /// <summary><c>trades:eps=ε[,steps=K][,step=α][,beta=β]</c> → <see cref="BaselineTradesTraining"/>.</summary>
    private static BaselineTradesTraining ParseTrades(string s)
    {
        int colon = s.IndexOf(':');
        if (colon < 0 || !s[..colon].Equals("trades", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--robust: unknown recipe '{s}' (gaussian:σ, pgd:eps=ε[,steps=K], trades:eps=ε[,steps=K][,step=α][,beta=β]).");
        double? eps = null, step = null;
        double beta = 6;
        int steps = 10;
        foreach (var kv in s[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var p = kv.Split('=', 2, StringSplitOptions.TrimEntries);
            if (p.Length != 2) throw new ArgumentException($"--robust trades: '{kv}' is not key=value (eps, steps, step, beta).");
            double Num() => double.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new ArgumentException($"--robust trades: {p[0]} '{p[1]}' is not a number.");
            switch (p[0])
            {
                case "eps": eps = Num(); break;
                case "step": step = Num(); break;
                case "beta": beta = Num(); break;
                case "steps":
                    steps = int.TryParse(p[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : throw new ArgumentException($"--robust trades: steps '{p[1]}' is not an integer.");
                    break;
                default: throw new ArgumentException($"--robust trades: unknown key '{p[0]}' (eps, steps, step, beta).");
            }
        }
        return new BaselineTradesTraining(eps ?? throw new ArgumentException("--robust trades needs eps=ε."), steps, step, beta);
    }
}
