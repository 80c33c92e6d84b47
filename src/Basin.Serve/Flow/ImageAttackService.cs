using System.Collections.Concurrent;
using Basin.Serve.Api;
using Basin.Serve.Models;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Serve.Flow;

/// <summary>
/// One image under an attack of <see cref="AttackCatalogue"/> at a chosen ε, against the model integrated like the
/// classification (<see cref="ClassifierOptions"/>: same steps, Δt, solver, float32). The attack's label is the clean
/// prediction (attacking the model's own decision). The smallest flipping ε is found by bisection on the budget
/// (flip(ε) is treated as monotone, as in a minimal-norm search; <see cref="AttackSettings.MinimalRounds"/> rounds between
/// 0 and the largest meaningful budget: 1 for L∞, √N for L2, both the diameter of [0,1]ᴺ), or read directly from a
/// minimal-norm attack's result. The adversarial image is then flowed with <see cref="FlowService"/> to show where it goes.
/// </summary>
public sealed class ImageAttackService(FlowService flow)
{
    private readonly ConcurrentDictionary<(string, int, double, string), IClassifier> _classifiers = new();

    /// <summary>Attacks <paramref name="pixels"/>.</summary>
    public async Task<ImageAttackResult> AttackAsync(ServedModel model, float[] pixels, string attackName, double eps, FlowSettings settings,
        ulong seed = 1, CancellationToken cancel = default)
    {
        settings.Validate();
        FlowService.CheckPixels(pixels, model.N);
        IAttack attack;
        try { attack = AttackCatalogue.Find(attackName); }
        catch (ArgumentException e) { throw ApiException.BadRequest(e.Message); }
        if (attack.Kind == AttackKind.Transfer) throw ApiException.BadRequest($"{attack.Name} needs a surrogate model; pick another attack.");
        double max = attack.Norm == Norm.L2 ? Math.Sqrt(model.N) : 1;
        if (!attack.MinimalNorm && !(eps > 0 && eps <= max)) throw ApiException.BadRequest($"eps {eps} must be in (0, {max:G4}] for {attack.Name}.");
        var c = _classifiers.GetOrAdd((model.Path + "|" + File.GetLastWriteTimeUtc(model.Path).Ticks, settings.Steps, settings.Dt, settings.Solver),
            _ => ModelFiles.LoadClassifier(model.Path, new ClassifierOptions(settings.Steps, settings.Dt, settings.Solver, SinglePrecision: true)));
        var x = pixels.Select(v => (double)v).ToArray();
        var s = new AttackSettings(Iterations: 10, Queries: 300, MinimalRounds: 6, Seed: seed);
        int clean; double[]? adv; double? minimal;
        await Task.Yield();
        lock (c)
        {
            clean = Attack.Predict(c, x);
            var y = new[] { clean };
            double[]? Run(double e)
            {
                cancel.ThrowIfCancellationRequested();
                var r = attack is AutoAttack auto ? auto.Evaluate(c, x, y, [e], s).Points[0] : attack.Run(c, x, y, [e], s)[0];
                return r != null && Attack.Succeeded(c, [r], y)[0] ? r : null;
            }
            if (attack.MinimalNorm)
            {
                adv = Run(max);
                minimal = adv is null ? null : Attack.Distance(adv, x, attack.Norm);
            }
            else
            {
                adv = Run(eps);
                minimal = null;
                double lo = 0, hi = max;
                if (adv != null) hi = eps;
                else if (Run(max) is null) hi = double.NaN;
                else lo = eps;
                if (!double.IsNaN(hi))
                {
                    for (int r = 0; r < s.MinimalRounds; r++)
                    {
                        double mid = 0.5 * (lo + hi);
                        if (Run(mid) != null) hi = mid; else lo = mid;
                    }
                    minimal = hi;
                }
            }
        }
        var advPixels = (adv ?? x).Select(v => (float)Math.Clamp(v, 0, 1)).ToArray();
        var result = await flow.ClassifyAsync(model, advPixels, settings, cancel);
        var delta = advPixels.Select((v, i) => MathF.Round(v - pixels[i], 5)).ToArray();
        double dist = Attack.Distance(advPixels.Select(v => (double)v).ToArray(), x, attack.Norm);
        return new ImageAttackResult(attack.Name, attack.Norm == Norm.L2 ? "l2" : "linf", eps, clean, result.Class, result.Class != clean, dist,
            minimal, delta, advPixels, result);
    }
}
