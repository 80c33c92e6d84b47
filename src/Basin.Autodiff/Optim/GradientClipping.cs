namespace Basin.Autodiff;

/// <summary>Gradient clipping helpers.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients by min(1, maxNorm/‖g‖) where ‖g‖ is the Euclidean norm over every parameter's gradient
    /// together (Pascanu et al. 2013). Returns ‖g‖ before clipping (accumulated in double); a non-finite norm leaves the gradients untouched.
    /// </summary>
    public static double ClipByGlobalNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), "maxNorm must be positive.");
        var ps = parameters.Where(static p => p.Grad is not null).ToArray();
        double sq = 0;
        foreach (var p in ps)
            foreach (var g in p.Grad!.Span) { double d = double.CreateTruncating(g); sq += d * d; }
        double norm = Math.Sqrt(sq);
        if (double.IsFinite(norm) && norm > maxNorm)
        {
            T s = T.CreateTruncating(maxNorm / norm);
            foreach (var p in ps) TensorPrimitives.Multiply(p.Grad!.Span, s, p.Grad!.Span);
        }
        return norm;
    }
}
