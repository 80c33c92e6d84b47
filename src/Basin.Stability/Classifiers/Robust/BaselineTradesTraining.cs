using Basin.Autodiff;
using Basin.Stability.Attacks;
using Basin.Tensors;

namespace Basin.Stability.Classifiers.Robust;

/// <summary>
/// TRADES (Zhang et al., ICML 2019, Eq. 5 and Alg. 1): the batch loss
/// L = CE(f(x), y) + β · (1/B) Σᵢ KL(softmax f(xᵢ) ‖ softmax f(xᵢ′)), with xᵢ′ the L∞ PGD point of the KL term itself:
/// start xᵢ + 0.001·𝒩(0, I), then <see cref="Steps"/> steps x′ ← Π_{B∞(x, ε) ∩ [0,1]ᴰ}(x′ + α·sign ∇ₓ′ KL(p(x) ‖ p(x′)))
/// with p(x) held fixed (∇_{z′} KL = softmax(z′) − p for the logits z′). Both forward passes carry gradients, as in the
/// reference implementation. Cost: steps + 2 forward/backward passes a batch.
/// </summary>
public sealed class BaselineTradesTraining : IBaselineRecipe
{
    /// <summary>TRADES with budget <paramref name="epsilon"/>, <paramref name="steps"/> steps of <paramref name="stepSize"/> (null: 2.5ε/steps) and weight <paramref name="beta"/>.</summary>
    public BaselineTradesTraining(double epsilon, int steps = 10, double? stepSize = null, double beta = 6)
    {
        if (!(epsilon > 0 && epsilon <= 1)) throw new ArgumentException($"trades: ε must lie in (0, 1], got {epsilon}.");
        if (steps < 1 || steps > 100) throw new ArgumentException($"trades: steps must lie in 1…100, got {steps}.");
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentException($"trades: β must be finite and ≥ 0, got {beta}.");
        Epsilon = epsilon;
        Steps = steps;
        StepSize = stepSize ?? 2.5 * epsilon / steps;
        if (!(StepSize > 0) || !double.IsFinite(StepSize)) throw new ArgumentException($"trades: the step size must be positive, got {StepSize}.");
        Beta = beta;
    }

    /// <summary>L∞ budget ε.</summary>
    public double Epsilon { get; }

    /// <summary>Steps of the inner maximisation.</summary>
    public int Steps { get; }

    /// <summary>Step size α.</summary>
    public double StepSize { get; }

    /// <summary>Weight β of the KL term (the paper's 1/λ; 6 on MNIST and CIFAR-10).</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public string Spec => FormattableString.Invariant($"trades:eps={Epsilon:R},steps={Steps},step={StepSize:R},beta={Beta:R}");

    /// <inheritdoc/>
    public Var<double> BatchLoss(MlpClassifier classifier, Tape<double> tape, double[] x, int[] labels, int count, ulong seed) =>
        Loss(classifier, tape, x, Perturb(classifier, x, count, seed), labels, count);

    /// <summary>The TRADES loss CE(f(x), y) + β·mean KL(p(x) ‖ p(x′)) for given points <paramref name="adv"/> = x′, recorded on <paramref name="tape"/>.</summary>
    public Var<double> Loss(MlpClassifier classifier, Tape<double> tape, double[] x, double[] adv, int[] labels, int count)
    {
        int d = classifier.Dimension;
        var z = classifier.Network.Forward(tape.Input(Tensor.FromSpan<double>(x.AsSpan(0, count * d), count, d)));
        var zAdv = classifier.Network.Forward(tape.Input(Tensor.FromSpan<double>(adv.AsSpan(0, count * d), count, d)));
        var logP = Functional.LogSoftmax(z);
        var kl = (Functional.Softmax(z) * (logP - Functional.LogSoftmax(zAdv))).Sum(1).Mean();
        return Functional.CrossEntropy(z, labels.AsSpan(0, count)) + (kl * Beta);
    }

    /// <summary>The inner maximisation: the rows' L∞ PGD points of KL(p(x) ‖ p(x′)) (count×D).</summary>
    public double[] Perturb(MlpClassifier classifier, double[] x, int count, ulong seed)
    {
        int d = classifier.Dimension, k = classifier.Classes, len = count * d;
        var p = new double[count * k];
        classifier.Scores(x.AsSpan(0, len), count, p);
        Classifier.Softmax(p, k, p);
        var adv = new double[len];
        new Rng(seed).FillNormal<double>(adv, 0, 0.001);
        for (int i = 0; i < len; i++) adv[i] = Math.Clamp(x[i] + adv[i], 0, 1);
        var g = new double[count * k];
        var gx = new double[len];
        var z = new double[count * k];
        for (int s = 0; s < Steps; s++)
        {
            classifier.Scores(adv, count, z);   // logits z′ of the current point
            Classifier.Softmax(z, k, z);
            for (int i = 0; i < g.Length; i++) g[i] = z[i] - p[i];
            classifier.InputGradient(adv, count, g, gx, z);
            for (int r = 0; r < count; r++)
            {
                var row = adv.AsSpan(r * d, d);
                Attack.Step(row, gx.AsSpan(r * d, d), StepSize, Norm.LInf);
                Attack.Project(row, x.AsSpan(r * d, d), Epsilon, Norm.LInf);
            }
        }
        return adv;
    }
}
