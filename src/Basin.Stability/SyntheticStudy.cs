using Basin.Autodiff;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability;

/// <summary>One row of the synthetic experiment: training-set size and, per classifier, the share of correctly classified
/// test points that have an adversarial perturbation of L2 norm below ε.</summary>
public sealed record SyntheticRow(int TrainSize, double MlpTrainAccuracy, double MlpTestAccuracy, double MlpUnstableShare,
    double NearestTestAccuracy, double NearestUnstableShare);

/// <summary>
/// The experiment behind Bastounis, Hansen &amp; Vlačić's theorem: two classes separated by an empty band of width 2ε by
/// construction (points x ∈ [0,1]ᵈ labelled by the side of the sphere ‖x − c‖ = r, with |‖x − c‖ − r| ≥ ε), so a stable
/// and accurate classifier exists (1-nearest-neighbour keeps every test point's label within radius ε up to the sampling).
/// A ReLU MLP of FIXED size is trained to ~100 % as the training set grows; for each size the share of correctly
/// classified test points with a perturbation of L2 norm &lt; ε that flips the MLP (minimal-L2 attack) is measured, next to
/// the same share for 1-NN (counted with a lower bound on its flip distance, the distance to the nearest bisector between
/// x's nearest neighbour and an opposite-class point — so the 1-NN share is an upper bound).
/// </summary>
public static class SyntheticStudy
{
    /// <summary>Runs the sweep over <paramref name="trainSizes"/>.</summary>
    public static List<SyntheticRow> Run(int dim, double eps, int[] trainSizes, int testSize = 300, int hidden = 32, int maxEpochs = 400, ulong seed = 1,
        IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var rng = new Rng(seed);
        var test = Sample(rng, testSize, dim, eps);
        var rows = new List<SyntheticRow>();
        foreach (int n in trainSizes)
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Report($"training size {n}");
            var train = Sample(rng, n, dim, eps);
            var mlp = new MlpClassifier([dim, hidden, 2], seed + (ulong)n);
            double trainAcc = 0;
            for (int round = 0; round < maxEpochs / 20 && trainAcc < 1; round++)
            {
                BaselineTrainer.Train(mlp, train, epochs: 20, batch: 64, learningRate: 3e-3, seed: seed + (ulong)round);
                trainAcc = BaselineTrainer.Accuracy(mlp, train);
            }
            double testAcc = BaselineTrainer.Accuracy(mlp, test);
            int correct = 0, unstable = 0, nnCorrect = 0, nnUnstable = 0;
            for (int i = 0; i < test.Count; i++)
            {
                var x = Row(test, i);
                int y = test.Labels[i];
                if (Attack.Predict(mlp, x) == y)
                {
                    correct++;
                    var adv = Attack.MinimalL2(mlp, x, y, box: false);
                    if (adv != null && Math.Sqrt(adv.Zip(x, (a, b) => (a - b) * (a - b)).Sum()) < eps) unstable++;
                }
                var (label, flip) = NearestNeighbourFlip(train, x);
                if (label == y)
                {
                    nnCorrect++;
                    if (flip < eps) nnUnstable++;
                }
            }
            rows.Add(new SyntheticRow(n, trainAcc, testAcc, correct == 0 ? 0 : (double)unstable / correct,
                (double)nnCorrect / test.Count, nnCorrect == 0 ? 0 : (double)nnUnstable / nnCorrect));
        }
        return rows;
    }

    /// <summary>Points uniform in [0,1]ᵈ outside the band |‖x − c‖ − r| &lt; ε, labelled by the side (c = ½·1, r = median radius).</summary>
    public static LabeledImages Sample(Rng rng, int count, int dim, double eps)
    {
        double r = Math.Sqrt(dim / 12.0);   // ≈ the median distance of a uniform point from the centre
        var px = new float[count * dim];
        var labels = new byte[count];
        for (int i = 0; i < count;)
        {
            double s = 0;
            for (int j = 0; j < dim; j++) { double v = rng.NextDouble(); px[i * dim + j] = (float)v; s += (v - 0.5) * (v - 0.5); }
            double dist = Math.Sqrt(s) - r;
            if (Math.Abs(dist) < eps) continue;
            labels[i] = (byte)(dist > 0 ? 1 : 0);
            i++;
        }
        return new LabeledImages("sphere", px, labels, 1, dim, ["inside", "outside"]);
    }

    private static double[] Row(LabeledImages d, int i) => d.Image(i).ToArray().Select(v => (double)v).ToArray();

    /// <summary>
    /// 1-NN label of x and a lower bound on its minimal flipping perturbation: to flip, x must cross the bisector between
    /// its nearest neighbour p* and some opposite-class point q, at distance (‖x−q‖² − ‖x−p*‖²)/(2‖p*−q‖); the minimum
    /// over q bounds the flip distance from below, so "unstable" counts are an upper bound.
    /// </summary>
    private static (int Label, double Flip) NearestNeighbourFlip(LabeledImages train, double[] x)
    {
        int best = 0; double bestD = double.PositiveInfinity;
        var d2 = new double[train.Count];
        for (int i = 0; i < train.Count; i++)
        {
            var t = train.Image(i);
            double d = 0;
            for (int j = 0; j < x.Length; j++) d += (x[j] - t[j]) * (x[j] - t[j]);
            d2[i] = d;
            if (d < bestD) { bestD = d; best = i; }
        }
        int label = train.Labels[best];
        var p = train.Image(best);
        double flip = double.PositiveInfinity;
        for (int i = 0; i < train.Count; i++)
        {
            if (train.Labels[i] == label) continue;
            var q = train.Image(i);
            double pq = 0;
            for (int j = 0; j < x.Length; j++) pq += (p[j] - q[j]) * (p[j] - q[j]);
            flip = Math.Min(flip, (d2[i] - bestD) / (2 * Math.Sqrt(pq)));
        }
        return (label, flip);
    }
}
