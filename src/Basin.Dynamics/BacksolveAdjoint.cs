using System.Numerics;
using Basin.Tensors;

namespace Basin.Dynamics;

/// <summary>
/// The backsolve (continuous) adjoint of Chen, Rubanova, Bettencourt &amp; Duvenaud (2018), "Neural Ordinary Differential
/// Equations", NeurIPS, Alg. 1 (diffrax's <c>BacksolveAdjoint</c>, torchdiffeq's <c>odeint_adjoint</c>): from x(T) and
/// a(T) = ∂L/∂x(T) the augmented system is integrated backwards in s = T − t,
/// <code>
///   dx/ds = −F(x),   da/ds = J_F(x)ᵀ a,   dθ̄/ds = (∂F/∂θ)ᵀ a,
/// </code>
/// to s = T, giving ∂L/∂x(0) = a(0) and ∂L/∂θ = θ̄ — no trajectory is stored (memory O(B·N)), but the gradient is exact
/// only as Δt → 0 and x(t) is reconstructed by integrating the flow backwards, which amplifies errors by the flow's
/// contraction (e^{|λ|T} next to a stable attractor; the same limit as <c>sanode invert</c>). Fixed steps of any explicit
/// tableau; the parameter integral is the method's own quadrature: at stage i the field accumulates (∂F/∂θ)ᵀ(Δt bᵢ aᵢ).
/// Clipping is not modelled (the forward pass should not clip).
/// </summary>
public sealed class BacksolveAdjoint<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[][] _kx = [], _ka = [];
    private T[] _x = [], _a = [], _ux = [], _ua = [];

    /// <summary>
    /// Integrates the augmented system back from <paramref name="xT"/> with cotangent <paramref name="gradXT"/> for
    /// <paramref name="steps"/> steps of <paramref name="dt"/> (the forward horizon T = steps·Δt); writes ∂L/∂x(0) to
    /// <paramref name="gradX0"/> and adds ∂L/∂θ to the field's accumulators. Returns the batched VJPs taken.
    /// </summary>
    public long Gradient(IBatchVectorField<T> field, ReadOnlySpan<T> xT, ReadOnlySpan<T> gradXT, int batch, ButcherTableau method, double dt, int steps,
        Span<T> gradX0, CancellationToken cancel = default)
    {
        int n = field.Dimension, len = batch * n;
        if (!(dt > 0) || steps < 1) throw new ArgumentException($"Backsolve: Δt must be positive and steps ≥ 1 (got {dt}, {steps}).");
        if (xT.Length < len || gradXT.Length < len || gradX0.Length < len) throw new ArgumentException($"Backsolve: buffers must hold {batch}×{n} values.");
        int stages = method.FixedStepStages;
        Prepare(stages, len);
        var x = _x.AsSpan(0, len); var a = _a.AsSpan(0, len); var ux = _ux.AsSpan(0, len); var ua = _ua.AsSpan(0, len);
        xT[..len].CopyTo(x);
        gradXT[..len].CopyTo(a);
        T h = T.CreateTruncating(dt);
        long products = 0;
        for (int step = 0; step < steps; step++)
        {
            cancel.ThrowIfCancellationRequested();
            for (int i = 0; i < stages; i++)
            {
                x.CopyTo(ux); a.CopyTo(ua);
                for (int j = 0; j < i; j++)
                {
                    double w = method.A[i][j];
                    if (w == 0) continue;
                    SimdOps.MultiplyAddInPlace<T>(_kx[j].AsSpan(0, len), h * T.CreateTruncating(w), ux);
                    SimdOps.MultiplyAddInPlace<T>(_ka[j].AsSpan(0, len), h * T.CreateTruncating(w), ua);
                }
                var kx = _kx[i].AsSpan(0, len); var ka = _ka[i].AsSpan(0, len);
                field.Evaluate(ux, kx, batch);
                System.Numerics.Tensors.TensorPrimitives.Negate<T>(kx, kx);
                double bi = method.B[i];
                if (bi != 0)
                {
                    // One VJP gives both the stage slope Jᵀaᵢ and, scaled by Δt bᵢ, the parameter quadrature term.
                    T scale = h * T.CreateTruncating(bi);
                    System.Numerics.Tensors.TensorPrimitives.Multiply<T>(ua, scale, ua);
                    field.VectorJacobianProduct(ux, ua, ka, batch, true);
                    System.Numerics.Tensors.TensorPrimitives.Multiply<T>(ka, T.One / scale, ka);
                }
                else field.VectorJacobianProduct(ux, ua, ka, batch, false);
                products++;
            }
            for (int i = 0; i < stages; i++)
            {
                double bi = method.B[i];
                if (bi == 0) continue;
                SimdOps.MultiplyAddInPlace<T>(_kx[i].AsSpan(0, len), h * T.CreateTruncating(bi), x);
                SimdOps.MultiplyAddInPlace<T>(_ka[i].AsSpan(0, len), h * T.CreateTruncating(bi), a);
            }
        }
        a.CopyTo(gradX0);
        return products;
    }

    private void Prepare(int stages, int len)
    {
        if (_kx.Length < stages) { Array.Resize(ref _kx, stages); Array.Resize(ref _ka, stages); }
        for (int i = 0; i < stages; i++)
        {
            if (_kx[i] is null || _kx[i].Length < len) { _kx[i] = new T[len]; _ka[i] = new T[len]; }
        }
        if (_x.Length < len) { _x = new T[len]; _a = new T[len]; _ux = new T[len]; _ua = new T[len]; }
    }
}
