using System.Globalization;

namespace Basin.SaNode.Training.Robust;

/// <summary>
/// The robust-training recipes, one catalogue: <see cref="SaNodeTrainOptions.Robust"/> names one, and it is stored with
/// the recipe in the checkpoint and the model's metadata.
/// <list type="bullet">
/// <item><c>gaussian:σ</c> — <see cref="GaussianNoiseTraining"/> (Cohen et al. 2019).</item>
/// <item><c>pgd:eps=ε[,steps=K][,step=α]</c> — <see cref="PgdAdversarialTraining"/> through the ODE at the training horizon (Madry et al. 2018).</item>
/// </list>
/// </summary>
public static class RobustTraining
{
    /// <summary>The recipe names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gaussian", "pgd"];

    /// <summary>Parses a recipe; an <see cref="ArgumentException"/> names what is wrong.</summary>
    public static ITrainingPerturbation Parse(string spec)
    {
        var s = (spec ?? "").Trim();
        int colon = s.IndexOf(':');
        string name = (colon < 0 ? s : s[..colon]).ToLowerInvariant(), args = colon < 0 ? "" : s[(colon + 1)..];
        static double Num(string key, string v) =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new ArgumentException($"--robust: {key} '{v}' is not a number.");
        switch (name)
        {
            case "gaussian":
                return new GaussianNoiseTraining(Num("σ", args));
            case "pgd":
                double? eps = null, step = null;
                int steps = 3;
                foreach (var kv in args.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var p = kv.Split('=', 2, StringSplitOptions.TrimEntries);
                    if (p.Length != 2) throw new ArgumentException($"--robust pgd: '{kv}' is not key=value (eps, steps, step).");
                    switch (p[0])
                    {
                        case "eps": eps = Num("eps", p[1]); break;
                        case "step": step = Num("step", p[1]); break;
                        case "steps":
                            steps = int.TryParse(p[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : throw new ArgumentException($"--robust pgd: steps '{p[1]}' is not an integer.");
                            break;
                        default: throw new ArgumentException($"--robust pgd: unknown key '{p[0]}' (eps, steps, step).");
                    }
                }
                return new PgdAdversarialTraining(eps ?? throw new ArgumentException("--robust pgd needs eps=ε."), steps, step);
            default:
                throw new ArgumentException($"--robust: unknown recipe '{name}' (gaussian:σ, pgd:eps=ε[,steps=K][,step=α]).");
        }
    }
}
