using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Certification;

/// <summary>What <see cref="SmoothedAttackEvaluation.Run"/> attacks and how it judges.</summary>
/// <param name="Sigma">σ of the smoothing.</param>
/// <param name="Attack">An L2 attack of the catalogue; it attacks the soft smoothed classifier (<see cref="SoftSmoothedClassifier"/>).</param>
/// <param name="Radii">L2 budgets (the certified-accuracy radii; 0 gives the smoothed clean accuracy).</param>
/// <param name="Samples">Fixed draws of the soft smoothed classifier the attack differentiates.</param>
/// <param name="N">Draws of PREDICT, which judges the clean and the adversarial inputs.</param>
/// <param name="Alpha">Level of PREDICT's binomial test.</param>
/// <param name="Count">Attack the first this-many images.</param>
/// <param name="BatchSize">Noisy copies per base call.</param>
/// <param name="Settings">The attack's iterations, restarts and seed.</param>
/// <param name="Seed">Seed of the soft classifier's draws and of PREDICT (image i: <c>new Rng(Seed).Fork(i)</c>).</param>
public sealed record SmoothedAttackOptions(double Sigma, IAttack Attack, double[] Radii, int Samples = 64, int N = 1000, double Alpha = 0.001,
    int Count = 100, int BatchSize = 1000, AttackSettings? Settings = null, ulong Seed = 1);

/// <summary>The attacked side of the bracket certified ≤ true ≤ attacked for a smoothed classifier.</summary>
/// <param name="Attack">The attack's name.</param>
/// <param name="Samples">Draws of the attacked soft classifier.</param>
/// <param name="N">Draws of PREDICT.</param>
/// <param name="Count">Images attacked.</param>
/// <param name="AttackedAccuracy">Per budget r: share of images where PREDICT returns the label at the clean input and at the attack's output within ‖δ‖₂ ≤ r (abstentions count as errors).</param>
public sealed record SmoothedAttackResult(string Attack, int Samples, int N, int Count, CertifiedAccuracy[] AttackedAccuracy);

/// <summary>
/// An empirical upper bound on the smoothed classifier's robust accuracy (Salman et al. 2019, §3: SmoothAdv): the attack
/// runs on the soft smoothed classifier G and the outcome is judged on the certified hard classifier g by PREDICT
/// (Cohen et al. 2019), abstaining counted as an error. An image counts as robust at r when g predicts its label at x and at
/// the adversarial input found within radius r.
/// </summary>
public static class SmoothedAttackEvaluation
{
    /// <summary>Attacks the first <see cref="SmoothedAttackOptions.Count"/> images of <paramref name="data"/> at every radius; reports images done.</summary>
    public static SmoothedAttackResult Run(IClassifier c, LabeledImages data, SmoothedAttackOptions o, IProgress<int>? progress = null,
        CancellationToken cancel = default)
    {
        if (o.Attack.Norm != Norm.L2 || o.Attack.MinimalNorm) throw new ArgumentException($"{o.Attack.Name}: smoothing certifies L2 radii; use an L2 attack with a budget.");
        if (o.Radii.Any(r => !(r >= 0))) throw new ArgumentException("Radii must be ≥ 0.");
        int n = Math.Min(o.Count, data.Count), d = c.Dimension;
        var soft = new SoftSmoothedClassifier(c, o.Sigma, o.Samples, o.Seed, o.BatchSize);
        var g = new SmoothedClassifier(c, o.Sigma, o.BatchSize);
        var root = new Rng(o.Seed);
        var robust = new int[o.Radii.Length];
        var settings = o.Settings ?? new AttackSettings(Seed: o.Seed);
        foreach (var batch in ImageBatch.Split(data, 0, n, 50))
        {
            cancel.ThrowIfCancellationRequested();
            var ok = Enumerable.Range(0, batch.Count).Where(i =>
                g.Predict(batch.Pixels.AsSpan(i * d, d), o.N, o.Alpha, root.Fork((ulong)(batch.Start + i))).Predicted == batch.Labels[i]).ToArray();
            if (ok.Length > 0)
            {
                var xs = RobustnessEvaluation.Gather(batch.Pixels, ok, d);
                var ys = ok.Select(i => batch.Labels[i]).ToArray();
                for (int k = 0; k < o.Radii.Length; k++)
                {
                    if (o.Radii[k] == 0) { robust[k] += ok.Length; continue; }
                    var adv = o.Attack.Run(soft, xs, ys, Enumerable.Repeat(o.Radii[k], ys.Length).ToArray(), settings with { Seed = settings.Seed + (ulong)(batch.Start * 31 + k) });
                    for (int a = 0; a < ys.Length; a++)
                    {
                        var z = adv[a] ?? xs.AsSpan(a * d, d).ToArray();
                        var p = g.Predict(z, o.N, o.Alpha, root.Fork((ulong)(batch.Start + ok[a])).Fork((ulong)k + 1));
                        if (p.Predicted == ys[a]) robust[k]++;
                    }
                }
            }
            progress?.Report(batch.Start + batch.Count);
        }
        return new SmoothedAttackResult(o.Attack.Name, o.Samples, o.N, n, o.Radii.Select((r, k) => new CertifiedAccuracy(r, (double)robust[k] / n)).ToArray());
    }
}
