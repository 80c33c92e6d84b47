namespace Basin.Stability.Classifiers;

/// <summary>
/// What every attack and robustness measurement needs from a model: class scores for a batch of inputs and the gradient
/// of a scalar loss of those scores with respect to the inputs (rows of B×D row-major arrays, double precision).
/// SA-nODE, the baselines and DFSA networks all implement it, so they are measured by the same instruments.
/// </summary>
public interface IClassifier
{
    /// <summary>A short description (kind and size).</summary>
    string Name { get; }

    /// <summary>Input dimension D.</summary>
    int Dimension { get; }

    /// <summary>Number of classes K.</summary>
    int Classes { get; }

    /// <summary>scores ← s(x) for <paramref name="batch"/> rows (B×K).</summary>
    void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores);

    /// <summary>gradX ← ∂L/∂x given ∂L/∂scores (B×K), for <paramref name="batch"/> rows; also fills the scores at x.</summary>
    void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores);
}

/// <summary>Helpers over <see cref="IClassifier"/>.</summary>
public static class Classifier
{
    /// <summary>argmax of the scores per row.</summary>
    public static int[] Predict(IClassifier c, ReadOnlySpan<double> x, int batch)
    {
        var s = new double[batch * c.Classes];
        c.Scores(x, batch, s);
        var r = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            int best = 0;
            for (int k = 1; k < c.Classes; k++) if (s[b * c.Classes + k] > s[b * c.Classes + best]) best = k;
            r[b] = best;
        }
        return r;
    }

    /// <summary>
    /// Row-wise softmax pᵢ = exp(zᵢ − max z) / Σⱼ exp(zⱼ − max z) of the rows of <paramref name="scores"/> (each
    /// <paramref name="classes"/> wide) into <paramref name="probabilities"/>; the two spans may be the same.
    /// </summary>
    public static void Softmax(ReadOnlySpan<double> scores, int classes, Span<double> probabilities)
    {
        for (int r = 0; r < scores.Length; r += classes)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < classes; c++) max = Math.Max(max, scores[r + c]);
            for (int c = 0; c < classes; c++) sum += probabilities[r + c] = Math.Exp(scores[r + c] - max);
            for (int c = 0; c < classes; c++) probabilities[r + c] /= sum;
        }
    }
}
