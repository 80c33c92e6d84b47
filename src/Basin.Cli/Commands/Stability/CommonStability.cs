using System.CommandLine;
using Basin.Stability;
using Basin.Stability.Classifiers;

namespace Basin.Cli.Commands.Stability;

/// <summary>Options and outputs shared by the stability commands.</summary>
public static class CommonStability
{
    /// <summary><c>--steps</c>: SA-nODE Euler steps of Δt = 0.1 for the scores (the horizon T = steps·Δt is reported with every result).</summary>
    public static Option<int> Steps() =>
        new("--steps") { Description = "SA-nODE: Euler steps of Δt = 0.1 for the scores (T = steps·0.1; reported with every result).", DefaultValueFactory = _ => 55 };

    /// <summary><c>--precision</c>: the SA-nODE integration precision of attacks (f64 default; f32 twice as fast).</summary>
    public static Option<string> Precision()
    {
        var o = new Option<string>("--precision") { Description = "SA-nODE: integrate in f64 or f32 (f32: twice the speed, the training precision).", DefaultValueFactory = _ => "f64" };
        o.AcceptOnlyFromAmong("f32", "f64");
        return o;
    }

    /// <summary>The classifier options <c>--steps</c> and <c>--precision</c> ask for.</summary>
    public static ClassifierOptions ClassifierOptions(ParseResult p, Option<int> steps, Option<string> precision) =>
        new(p.GetValue(steps), SinglePrecision: p.GetValue(precision) == "f32");

    /// <summary>Writes up to 8 examples as a 3-row grid (original, adversarial, 5·|difference|) to PREFIX.png and PREFIX.svg.</summary>
    public static void SaveExamples(string prefix, IReadOnlyList<AdversarialExample> examples, string title) =>
        Basin.Studies.Stability.AdversarialExampleFigure.Save(prefix, examples, title);
}
