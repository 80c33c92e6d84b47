using Basin.Autodiff;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability;

/// <summary>One row of the synthetic experiment: training-set size and, per classifier, the share of correctly classified
/// test points that have an adversarial perturbation of L2 norm below ε.</summary>
public sealed record SyntheticRow(int TrainSize, double MlpTrainAccuracy, double MlpTestAccuracy, double MlpUnstableShare,
    double NearestTestAccuracy, double NearestUnstableShare, double SaNodeTrainAccuracy = double.NaN, double SaNodeTestAccuracy = double.NaN,
    double SaNodeUnstableShare = double.NaN);

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
    /// <remarks>With <paramref name="saNodeEpochs"/> &gt; 0 an SA-nODE with N = dim nodes and K = 2 attractors (fixed size too, but
    /// stable by construction) is trained on the same data and measured the same way (scores at T = 5.5, Euler Δt = 0.1).
    /// <c>cells</c> = 0 selects the sphere problem (<see cref="Sample"/>), g &gt; 0 the random g×g checkerboard (<see cref="SampleCheckerboard"/>).</remarks>
    public static List<SyntheticRow> Run(int dim, double eps, int[] trainSizes, int testSize = 300, int hidden = 32, int maxEpochs = 400, ulong seed = 1,
        IProgress<string>? progress = null, CancellationToken cancel = default, int saNodeEpochs = 0, int cells = 0)
    {
        var rng = new Rng(seed);
        LabeledImages Draw(int count) => cells > 0 ? SampleCheckerboard(rng, count, dim, eps, cells, seed) : Sample(rng, count, dim, eps);
        var test = Draw(testSize);
        var rows = new List<SyntheticRow>();
        foreach (int n in trainSizes)
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Report($"training size {n}");
            var train = Draw(n);
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
                    var adv = DeepFool.Search(mlp, x, y, box: false);
                    if (adv != null && Math.Sqrt(adv.Zip(x, (a, b) => (a - b) * (a - b)).Sum()) < eps) unstable++;
                }
                var (label, flip) = NearestNeighbourFlip(train, x);
                if (label == y)
                {
                    nnCorrect++;
                    if (flip < eps) nnUnstable++;
                }
            }
            var (snTrain, snTest, snUnstable) = saNodeEpochs > 0 ? SaNodeColumn(train, test, dim, eps, saNodeEpochs, seed + (ulong)n) : (double.NaN, double.NaN, double.NaN);
            rows.Add(new SyntheticRow(n, trainAcc, testAcc, correct == 0 ? 0 : (double)unstable / correct,
                (double)nnCorrect / test.Count, nnCorrect == 0 ? 0 : (double)nnUnstable / nnCorrect, snTrain, snTest, snUnstable));
        }
        return rows;
    }

    /// <summary>
    /// Trains an SA-nODE with K = 2 on <paramref name="train"/>; returns train and test accuracy and the unstable share. The
    /// network has N = max(dim, 8) nodes: the reference attractor layout needs N ≥ K + 2 pixels per block, so low-dimensional
    /// inputs are padded with zeros, and the attacks see only the dim real coordinates (<see cref="PaddedClassifier"/>).
    /// </summary>
    private static (double Train, double Test, double Unstable) SaNodeColumn(LabeledImages train, LabeledImages test, int dim, double eps, int epochs, ulong seed)
    {
        int nodes = Math.Max(dim, 8);
        var cfg = new Basin.SaNode.SaNodeConfig { N = nodes, K = 2 };
        var trained = new Basin.SaNode.SaNodeModel<float>(cfg, new Rng(seed));
        new Basin.SaNode.SaNodeTrainer(trained, new Basin.SaNode.SaNodeTrainOptions { Epochs = epochs, BatchSize = 50, LearningRate = 1e-2, Seed = seed })
            .Run(Pad(train, nodes), null, null);
        var model = new Basin.SaNode.SaNodeModel<double>(cfg);
        for (int i = 0; i < model.PhiTrain.Length; i++) model.PhiTrain.Span[i] = trained.PhiTrain.Span[i];
        for (int i = 0; i < model.Lambda.Length; i++) model.Lambda.Span[i] = trained.Lambda.Span[i];
        model.Gamma = trained.Gamma;
        IClassifier c = new SaNodeClassifier(model, new Basin.Dynamics.SolverOptions(Basin.Dynamics.ButcherTableau.Euler, 0.1, 55, Clip: 10 * cfg.A));
        if (nodes > dim) c = new PaddedClassifier(c, dim);
        double trainAcc = BaselineTrainer.Accuracy(c, train);
        int d = dim, correct = 0, unstable = 0;
        var x = new double[test.Count * d];
        for (int i = 0; i < test.Count; i++) for (int j = 0; j < d; j++) x[i * d + j] = test.Image(i)[j];
        var pred = Classifier.Predict(c, x, test.Count);
        var ok = Enumerable.Range(0, test.Count).Where(i => pred[i] == test.Labels[i]).ToArray();
        correct = ok.Length;
        var xs = new double[ok.Length * d];
        for (int a = 0; a < ok.Length; a++) x.AsSpan(ok[a] * d, d).CopyTo(xs.AsSpan(a * d));
        var adv = DeepFool.Search(c, xs, ok.Select(i => (int)test.Labels[i]).ToArray(), box: false);
        var found = adv.Select((v, a) => v).ToArray();
        var ys = ok.Select(i => (int)test.Labels[i]).ToArray();
        // DeepFool can stall on a nonlinear flow; PGD-L2 at ε catches what it misses.
        var pgd = Pgd.Perturb(c, xs, ys, Enumerable.Repeat(eps, ok.Length).ToArray(), Norm.L2, 20, 1, AttackLoss.Margin, seed);
        var pgdPred = Classifier.Predict(c, pgd, ok.Length);
        for (int a = 0; a < ok.Length; a++)
            if ((adv[a] is { } z && Attack.L2(z, xs.AsSpan(a * d, d)) < eps) || pgdPred[a] != ys[a]) unstable++;
        return (trainAcc, (double)correct / test.Count, correct == 0 ? 0 : (double)unstable / correct);
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

    /// <summary>
    /// A random checkerboard: the first two coordinates of x ∈ [0,1]ᵈ fall in one of g×g cells, each cell's class is drawn
    /// once from <paramref name="problemSeed"/> (the same for training and test sets), and points closer than ε to an
    /// interior cell edge are rejected — so any two points of different classes are at least 2ε apart. A classifier that is
    /// both accurate and ε-stable exists (e.g. the cell rule itself, or 1-NN on dense data), but its boundary has up to
    /// 2g(g−1) edges: a network of fixed size must either fail to fit it (inaccurate) or fit it with boundaries squeezed
    /// against the data (unstable) once the training set resolves every cell — the dichotomy of Bastounis, Hansen &amp; Vlačić.
    /// </summary>
    public static LabeledImages SampleCheckerboard(Rng rng, int count, int dim, double eps, int cells, ulong problemSeed)
    {
        if (dim < 2) throw new ArgumentException("The checkerboard needs at least two dimensions.");
        if (cells < 1 || eps * 2 * cells >= 1) throw new ArgumentException($"A {cells}×{cells} checkerboard leaves no room outside bands of half-width ε = {eps}.");
        var labelRng = new Rng(problemSeed ^ 0x5eedc0ffeeUL);
        var cellLabel = new byte[cells * cells];
        for (int i = 0; i < cellLabel.Length; i++) cellLabel[i] = (byte)(labelRng.NextDouble() < 0.5 ? 0 : 1);
        var px = new float[count * dim];
        var labels = new byte[count];
        for (int i = 0; i < count;)
        {
            for (int j = 0; j < dim; j++) px[i * dim + j] = (float)rng.NextDouble();
            double u = px[i * dim] * cells, v = px[i * dim + 1] * cells;
            int cu = Math.Min((int)u, cells - 1), cv = Math.Min((int)v, cells - 1);
            double du = Math.Min(cu == 0 ? double.PositiveInfinity : u - cu, cu == cells - 1 ? double.PositiveInfinity : cu + 1 - u);
            double dv = Math.Min(cv == 0 ? double.PositiveInfinity : v - cv, cv == cells - 1 ? double.PositiveInfinity : cv + 1 - v);
            if (Math.Min(du, dv) / cells < eps) continue;
            labels[i] = cellLabel[cu * cells + cv];
            i++;
        }
        return new LabeledImages("checkerboard", px, labels, 1, dim, ["black", "white"]);
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

    private static LabeledImages Pad(LabeledImages d, int nodes)
    {
        int dim = d.PixelsPerImage;
        if (nodes == dim) return d;
        var px = new float[d.Count * nodes];
        for (int i = 0; i < d.Count; i++) d.Image(i).CopyTo(px.AsSpan(i * nodes, dim));
        return new LabeledImages(d.Name, px, d.Labels.ToArray(), 1, nodes, d.ClassNames);
    }

    /// <summary>A classifier on ℝ^dim that runs <c>inner</c> on [x, 0, …, 0]; input gradients are those of the real coordinates.</summary>
    private sealed class PaddedClassifier(IClassifier inner, int dim) : IClassifier
    {
        public string Name => inner.Name;
        public int Dimension => dim;
        public int Classes => inner.Classes;

        public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores) => inner.Scores(Pad(x, batch), batch, scores);

        public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
        {
            var g = new double[batch * inner.Dimension];
            inner.InputGradient(Pad(x, batch), batch, gradScores, g, scores);
            for (int b = 0; b < batch; b++) g.AsSpan(b * inner.Dimension, dim).CopyTo(gradX.Slice(b * dim, dim));
        }

        private double[] Pad(ReadOnlySpan<double> x, int batch)
        {
            var p = new double[batch * inner.Dimension];
            for (int b = 0; b < batch; b++) x.Slice(b * dim, dim).CopyTo(p.AsSpan(b * inner.Dimension));
            return p;
        }
    }
}
