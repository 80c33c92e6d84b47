using Basin.Autodiff;
using Basin.Dfsa.Networks;
using Basin.Tensors;

namespace Basin.Stability.Classifiers;

/// <summary>
/// A DFSA network read as a classifier: its m outputs are the class scores s(x) = f(x), the predicted class their argmax.
/// Input gradients are exact reverse-mode VJPs through the network's tape, so every attack and Lipschitz estimate of the
/// stability pillar applies to data-free networks unchanged (a stochastic attractor should be maximally unstable).
/// </summary>
public sealed class DfsaClassifier(DfsaNetwork<double> network) : IClassifier
{
    /// <summary>The wrapped network (float64).</summary>
    public DfsaNetwork<double> Network { get; } = network;

    /// <inheritdoc/>
    public string Name => $"DFSA {Network.Spec.Architecture} {Network.InputDim}→{Network.OutputDim}";

    /// <inheritdoc/>
    public int Dimension => Network.InputDim;

    /// <inheritdoc/>
    public int Classes => Network.OutputDim;

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores) =>
        Network.Evaluate(Tensor.FromSpan(x[..(batch * Dimension)], batch, Dimension)).Span.CopyTo(scores);

    /// <inheritdoc/>
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores) =>
        ModuleGradient.Input(Network, Dimension, Classes, x, batch, gradScores, gradX, scores);
}
