using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Entropy: Shannon entropy of the output distribution, per output coordinate, normalised to [0, 1].
/// Reading of "−Σ p(θ_i) ln p(θ_i)": θ_i are the K bins of a soft histogram of each output over the batch
/// (the distribution of f(x) for x ∼ p(x)); a per-sample softmax would measure something else (confidence).
/// </summary>
public sealed class EntropyTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "entropy";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Entropy;
    /// <inheritdoc/>
    public override string Formula => "mean_o [ −Σ_k p_ok ln p_ok ] / ln K, p_ok = soft histogram of output o over x ∼ p(x)";
    /// <inheritdoc/>
    public override string Estimator => "outputs mapped to (−1, 1) (affinely when bounded, else tanh); each sample spreads over K bins with softmax(−(u − c_k)²/2σ²), σ = 1/K; p_ok = batch mean";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "maximised for crypto (uniform output marginals); the art generator's knob lowers it for structured images";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        int k = ctx.Options.EntropyBins, b = ctx.BatchSize, m = ctx.OutputDim;
        var f = ctx.Output;
        var u = ctx.Network.OutputBounds is (double lo, double hi)
            ? f.Scale(T.CreateTruncating(2 / (hi - lo))).Add(C<T>(-1 - 2 * lo / (hi - lo)))
            : f.Tanh();
        var centres = new Tensor<T>(k);
        for (int i = 0; i < k; i++) centres[i] = T.CreateTruncating(-1 + (2.0 * i + 1) / k);
        var spread = u.Reshape(b * m, 1).MatMul(Var<T>.Constant(Tensor.Ones<T>(1, k))).Subtract(Var<T>.Constant(centres));
        double sigma = 1.0 / k;
        var weights = Functional.Softmax(spread.Square().Scale(T.CreateTruncating(-1 / (2 * sigma * sigma))), 1);
        var p = weights.Reshape(b, m * k).Mean(0).Reshape(m, k);
        var h = p.Multiply(p.Add(C<T>(1e-12)).Log()).Sum(1).Neg();
        return h.Mean().Scale(T.CreateTruncating(1 / Math.Log(k)));
    }
}
