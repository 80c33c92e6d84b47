using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;
using Xunit;

namespace Basin.SaNode.Tests;

public class SaNodeFieldTests
{
    /// <summary>Forwards to a field but hides its <see cref="IFusedEulerField{T}"/>, so the solver takes the generic stage path.</summary>
    private sealed class Unfused(SaNodeField<double> inner) : IBatchVectorField<double>
    {
        public int Dimension => inner.Dimension;
        public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch) => inner.Evaluate(u, k, batch);
        public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters) =>
            inner.VectorJacobianProduct(u, c, du, batch, accumulateParameters);
    }

    private static SaNodeField<double> Field(int n, int chunkRows, ulong seed)
    {
        var f = new SaNodeField<double>(n, 0.5, 1.0 / Math.Sqrt(n), chunkRows) { Gamma = -0.4 };
        var a = new double[n * n];
        new Rng(seed).FillNormal<double>(a, 0, 1.5);
        f.SetCoupling(a);
        return f;
    }

    [Theory]
    [InlineData(5.0, 64, 0)]     // clamp never bites, one stacked chunk
    [InlineData(0.55, 64, 0)]    // the clamp bites: those components pass no gradient on both paths
    [InlineData(0.55, 3, 0)]     // chunks smaller than the batch: ∂L/∂A reduced per step
    [InlineData(5.0, 64, 4)]     // checkpointed backward (segments recomputed through the fused step)
    public void Fused_Euler_step_and_adjoint_match_the_generic_solver_path(double clip, int chunkRows, int checkpointEvery)
    {
        const int n = 9, batch = 5, steps = 12;
        var fused = Field(n, chunkRows, 3);
        var plain = Field(n, chunkRows, 3);
        var x0 = new double[batch * n];
        new Rng(4).FillUniform<double>(x0, -0.6, 0.9);
        var w = new double[batch * n];
        new Rng(5).FillNormal<double>(w, 0, 1);
        var opts = new SolverOptions(ButcherTableau.Euler, 0.1, steps, Clip: clip);
        var (xa, ga, gxa) = Run(fused, fused, x0, w, batch, opts, checkpointEvery);
        var (xb, gb, gxb) = Run(new Unfused(plain), plain, x0, w, batch, opts, checkpointEvery);
        for (int i = 0; i < xa.Length; i++) Assert.Equal(xb[i], xa[i], 12);
        for (int i = 0; i < gxa.Length; i++) Assert.Equal(gxb[i], gxa[i], 12);
        for (int i = 0; i < ga.Length; i++) Assert.Equal(gb[i], ga[i], 12);
        Assert.Equal(plain.GradGamma, fused.GradGamma, 12);
        Assert.NotEqual(0.0, fused.GradGamma);
        if (clip < 1) Assert.Contains(xa, v => Math.Abs(v) >= clip);
    }

    /// <summary>
    /// Over a recorded trajectory (<see cref="SaNodeField{T}.AttachTrajectory"/>) the adjoint reads the states from the record
    /// instead of stacking copies: ∂L/∂A, ∂L/∂γ and the adjoint must equal those of the copying stack (to rounding: the
    /// reduction sums the steps in the other order), also when a call breaks the expected order — a state that is a copy,
    /// not the record's — and the field reduces what it has and falls back for the rest of the pass.
    /// </summary>
    [Theory]
    [InlineData(-1)]   // every step from the record
    [InlineData(6)]    // step 6 passed as a copy: steps 11…7 from the record, the rest copied onto the stack
    [InlineData(11)]   // the very first call already breaks the order
    public void Adjoint_over_the_recorded_trajectory_equals_the_copying_stack(int copyAtStep)
    {
        const int n = 9, batch = 5, steps = 12, len = batch * n;
        var states = new double[(steps + 1) * len];
        new Rng(4).FillUniform<double>(states.AsSpan(0, len), -0.6, 0.9);
        var w = new double[len];
        new Rng(5).FillNormal<double>(w, 0, 1);
        (double[] GradA, double GradGamma, double[] G) Adjoint(bool attach)
        {
            var field = Field(n, 64, 3);
            for (int s = 0; s < steps; s++) field.EulerStep(states.AsSpan(s * len, len), states.AsSpan((s + 1) * len, len), batch, 0.1, 5.0);
            field.ZeroGradients();
            if (attach) field.AttachTrajectory(states, len, steps);
            var g = w.ToArray();
            var next = new double[len];
            for (int s = steps - 1; s >= 0; s--)
            {
                ReadOnlySpan<double> x = s == copyAtStep && attach ? states.AsSpan(s * len, len).ToArray() : states.AsSpan(s * len, len);
                field.EulerAdjointStep(x, g, next, batch, 0.1, accumulateParameters: true);
                (g, next) = (next, g);
            }
            field.FlushGradients();
            return (field.GradA.ToArray(), field.GradGamma, g);
        }
        var copied = Adjoint(attach: false);
        var fromRecord = Adjoint(attach: true);
        for (int i = 0; i < len; i++) Assert.Equal(copied.G[i], fromRecord.G[i], 14);
        for (int i = 0; i < copied.GradA.Length; i++) Assert.Equal(copied.GradA[i], fromRecord.GradA[i], 12);
        Assert.Equal(copied.GradGamma, fromRecord.GradGamma, 12);
        Assert.Contains(copied.GradA, v => Math.Abs(v) > 1e-3);
    }

    /// <summary>The coupling is packed once per <see cref="SaNodeField{T}.SetCoupling"/> for the GEMM: a new coupling must
    /// replace the packed copy, and the step must equal the unpacked product followed by the Euler update bit for bit.</summary>
    [Fact]
    public void Steps_use_the_current_coupling_after_it_is_replaced()
    {
        const int n = 40, batch = 7;
        var x = new float[batch * n];
        new Rng(4).FillUniform<float>(x, -0.6f, 0.9f);
        var g = new float[batch * n];
        new Rng(5).FillNormal<float>(g, 0, 1);
        var field = new SaNodeField<float>(n, 0.5, 1.0 / Math.Sqrt(n)) { Gamma = -0.4 };
        foreach (ulong seed in new ulong[] { 11, 12 })
        {
            var a = new float[n * n];
            new Rng(seed).FillNormal<float>(a, 0, 1.5f);
            field.SetCoupling(a);
            float dt = 0.1f, beta = (float)(1.0 / Math.Sqrt(n));
            var aT = new float[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) aT[j * n + i] = a[i * n + j];
            var want = new float[batch * n];
            Basin.Tensors.Blas.GenericBlas.Gemm(false, false, batch, n, n, beta * dt, x, n, aT, n, 0f, want, n);
            DoubleWell.EulerUpdate<float>(x, want, dt * (float)(4 * 0.4), 0.25f, 5f);
            var got = new float[batch * n];
            field.EulerStep(x, got, batch, dt, 5f);
            Assert.Equal(want, got);
            var wantG = new float[batch * n];
            Basin.Tensors.Blas.GenericBlas.Gemm(false, false, batch, n, n, beta * dt, g, n, a, n, 0f, wantG, n);
            DoubleWell.EulerAdjoint<float>(x, g, wantG, Span<float>.Empty, dt, (float)(4 * 0.4), 0.25f);
            var gotG = new float[batch * n];
            field.EulerAdjointStep(x, g, gotG, batch, dt, accumulateParameters: false);
            Assert.Equal(wantG, gotG);
        }
    }

    /// <summary>A batch large enough to be cut into row blocks (one GEMM and element-wise pass per block, on the GEMM's worker
    /// threads) must give the bits of the unsplit step, which runs when the managed GEMM is limited to one thread: the step,
    /// the adjoint (with and without the clamp's mask on g), ∂L/∂A (stacked, and reduced at once when the batch exceeds the stack) and ∂L/∂γ.</summary>
    [Theory]
    [InlineData(4096)]   // the cotangents and states go onto the stack
    [InlineData(100)]    // batch larger than the stack: ∂L/∂A reduced per step
    public void Row_split_steps_equal_the_unsplit_steps_bit_for_bit(int chunkRows)
    {
        if (Basin.Tensors.Blas.Blas.Default is not Basin.Tensors.Blas.ManagedGemm mg || Environment.ProcessorCount < 2) return;
        const int n = 40, batch = 150;
        var x = new float[batch * n];
        new Rng(7).FillUniform<float>(x, -0.9f, 0.9f);
        var g = new float[batch * n];
        new Rng(8).FillNormal<float>(g, 0, 1);
        (float[] Next, float[] Grad, float[] GradA, double GradGamma) Once()
        {
            var field = new SaNodeField<float>(n, 0.5, 1.0 / Math.Sqrt(n), chunkRows) { Gamma = -0.4 };
            var a = new float[n * n];
            new Rng(9).FillNormal<float>(a, 0, 1.5f);
            field.SetCoupling(a);
            var next = new float[batch * n];
            field.EulerStep(x, next, batch, 0.1f, 0.8f);
            var grad = new float[batch * n];
            field.EulerAdjointStep(x, g, grad, batch, 0.1f, accumulateParameters: true);
            // second step back with the clamp's mask applied by the field (components of `next` at or beyond 0.8)
            var masked = grad.ToArray();
            field.EulerAdjointStep(x, masked, next, 0.8f, new float[batch * n], batch, 0.1f, accumulateParameters: true);
            Assert.Contains(masked, v => v == 0);
            grad = masked;
            field.FlushGradients();
            return (next, grad, field.GradA.ToArray(), field.GradGamma);
        }
        Assert.True(Basin.Tensors.Blas.ParallelParts.Parallelism >= 2);
        var split = Once();
        int saved = mg.MaxThreads;
        (float[] Next, float[] Grad, float[] GradA, double GradGamma) whole;
        try { mg.MaxThreads = 1; whole = Once(); }
        finally { mg.MaxThreads = saved; }
        Assert.Equal(whole.Next, split.Next);
        Assert.Equal(whole.Grad, split.Grad);
        Assert.Equal(whole.GradA, split.GradA);
        Assert.Equal(whole.GradGamma, split.GradGamma);
        Assert.Contains(split.Next, v => Math.Abs(v) >= 0.8f);   // the clamp bit somewhere
        Assert.NotEqual(0.0, split.GradGamma);
    }

    private static (double[] xT, double[] gradA, double[] gradX0) Run(IBatchVectorField<double> field, SaNodeField<double> owner,
        double[] x0, double[] w, int batch, SolverOptions opts, int checkpointEvery)
    {
        var solver = new FixedStepSolver<double>();
        var xT = new double[x0.Length];
        solver.Forward(field, x0, batch, opts, xT, record: true, checkpointEvery: checkpointEvery);
        owner.ZeroGradients();
        var gx = new double[x0.Length];
        solver.Backward(field, w, gx);   // L = ⟨w, x(T)⟩
        owner.FlushGradients();
        return (xT, owner.GradA.ToArray(), gx);
    }
}
