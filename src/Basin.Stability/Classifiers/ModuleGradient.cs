using Basin.Autodiff;
using Basin.Tensors;

namespace Basin.Stability.Classifiers;

/// <summary>Input gradients of any autodiff module's outputs: one recorded forward pass and one reverse sweep (exact VJP).</summary>
internal static class ModuleGradient
{
    /// <summary>scores ← f(x); gradX ← (∂f/∂x)ᵀ gradScores, for <paramref name="batch"/> rows of width <paramref name="dimension"/>.</summary>
    public static void Input(Module<double> network, int dimension, int classes, ReadOnlySpan<double> x, int batch,
        ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
    {
        var tape = new Tape<double>();
        var vx = tape.Input(Tensor.FromSpan(x[..(batch * dimension)], batch, dimension), requiresGrad: true);
        var y = network.Forward(vx);
        y.Value.Span.CopyTo(scores);
        tape.Backward(y, Tensor.FromSpan(gradScores[..(batch * classes)], batch, classes));
        vx.Grad!.Span.CopyTo(gradX);
        network.ZeroGrad();
    }
}
