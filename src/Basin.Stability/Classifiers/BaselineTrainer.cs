using Basin.Autodiff;
using Basin.Data;
using Basin.Stability.Classifiers.Robust;
using Basin.Tensors;

namespace Basin.Stability.Classifiers;

/// <summary>Mini-batch Adam training of an <see cref="MlpClassifier"/> with cross-entropy (the baselines of the stability study).</summary>
public static class BaselineTrainer
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs; <paramref name="progress"/> receives (epoch, mean loss). With
    /// <paramref name="robust"/>, each batch's loss is the recipe's (cross-entropy on Gaussian-noised or PGD points, or
    /// TRADES), with a seed drawn from <paramref name="seed"/>, the epoch and the batch, so a seeded run repeats exactly.
    /// </summary>
    public static void Train(MlpClassifier c, LabeledImages data, int epochs, int batch = 128, double learningRate = 1e-3, ulong seed = 1,
        IProgress<(int Epoch, double Loss)>? progress = null, CancellationToken cancel = default, IBaselineRecipe? robust = null)
    {
        if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
        var adam = new Adam<double>(c.Network, new AdamOptions(learningRate));
        var tape = new Tape<double>();
        int d = c.Dimension;
        for (int e = 1; e <= epochs; e++)
        {
            var perm = new Rng(seed).Fork((ulong)e).Permutation(data.Count);
            double sum = 0; int seen = 0;
            for (int start = 0; start < data.Count; start += batch)
            {
                cancel.ThrowIfCancellationRequested();
                int b = Math.Min(batch, data.Count - start);
                var xs = new double[b * d];
                var labels = new int[b];
                for (int i = 0; i < b; i++)
                {
                    var img = data.Image(perm[start + i]);
                    var row = xs.AsSpan(i * d, d);
                    for (int j = 0; j < d; j++) row[j] = img[j];
                    labels[i] = data.Labels[perm[start + i]];
                }
                tape.Reset();
                var loss = robust?.BatchLoss(c, tape, xs, labels, b, new Rng(seed).Fork(((ulong)e << 32) | (uint)start).NextUInt64())
                           ?? CrossEntropy(c, tape, xs, labels, b);
                adam.ZeroGrad();
                double l = loss.Item();
                tape.Backward(loss);
                adam.Step();
                sum += l * b; seen += b;
            }
            progress?.Report((e, sum / seen));
        }
    }

    /// <summary>The mean cross-entropy of the first <paramref name="count"/> rows of <paramref name="x"/>, recorded on <paramref name="tape"/>.</summary>
    public static Var<double> CrossEntropy(MlpClassifier c, Tape<double> tape, double[] x, int[] labels, int count) =>
        Functional.CrossEntropy(c.Network.Forward(tape.Input(Tensor.FromSpan<double>(x.AsSpan(0, count * c.Dimension), count, c.Dimension))), labels.AsSpan(0, count));

    /// <summary>Share of correctly classified images.</summary>
    public static double Accuracy(IClassifier c, LabeledImages data, int batch = 500)
    {
        int correct = 0, d = c.Dimension;
        for (int start = 0; start < data.Count; start += batch)
        {
            int b = Math.Min(batch, data.Count - start);
            var x = new double[b * d];
            for (int i = 0; i < b; i++) { var img = data.Image(start + i); for (int j = 0; j < d; j++) x[i * d + j] = img[j]; }
            var pred = Classifier.Predict(c, x, b);
            for (int i = 0; i < b; i++) if (pred[i] == data.Labels[start + i]) correct++;
        }
        return (double)correct / data.Count;
    }
}
