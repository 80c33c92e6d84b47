using System.Numerics;
using System.Runtime.InteropServices;
using Basin.Dynamics;
using Basin.Tensors;
using Basin.Tensors.Blas;

namespace Basin.SaNode;

/// <summary>
/// The SA-nODE vector field on a batch of row states: F(x) = 4|γ| x ⊙ (a² − x²) + β x Aᵀ (paper eq. 1),
/// with its vector–Jacobian product Jᵀc = c ⊙ 4|γ|(a² − 3x²) + β c A.
/// Parameter cotangents are accumulated as ∂L/∂A = β Σ cᵀu (the (u, c) row pairs are stacked and reduced by one
/// large GEMM per chunk, which is far faster than one rank-B update per step) and ∂L/∂γ = 4 sign(γ) Σ c⊙u(a² − u²).
/// Over a trajectory the solver has recorded (<see cref="AttachTrajectory"/>) the states u are not stacked at all: the
/// cotangent of step s goes to row block s of the stack, and the reduction reads the states from the solver's record.
/// An explicit Euler step and its adjoint run fused (<see cref="IFusedEulerField{T}"/>): one GEMM with α = βΔt and one
/// element-wise pass each, instead of the generic solver's five to eight passes over the B×N block.
/// </summary>
public sealed class SaNodeField<T> : IParametricVectorField<T>, IFusedEulerField<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n;
    private T[] _a;
    private PackedMatrix<T>? _packedAT, _packedA;
    private T[] _stackU = Array.Empty<T>(), _stackC = Array.Empty<T>(), _bigC = Array.Empty<T>();
    private int _stackRows;
    // The attached trajectory (see AttachTrajectory): its array, rows per step, steps, and the next step expected.
    private T[]? _traj;
    private int _trajBatch, _trajSteps, _trajNext;
    private readonly int _chunkRows;

    /// <summary>Creates the field for N nodes; <paramref name="chunkRows"/> bounds the memory of the cotangent stack.</summary>
    public SaNodeField(int n, double a, double beta, int chunkRows = 16384)
    {
        _n = n; A = a; Beta = beta; _chunkRows = Math.Max(1, chunkRows);
        _a = new T[n * n];
        GradA = new T[n * n];
        _work = new RowPartWork(this);
    }

    /// <inheritdoc/>
    public int Dimension => _n;

    /// <summary>Double-well minimum a.</summary>
    public double A { get; }

    /// <summary>Coupling scale β.</summary>
    public double Beta { get; }

    /// <summary>Current γ (the dynamics use |γ|).</summary>
    public double Gamma { get; set; }

    /// <summary>The coupling matrix A (N×N, row-major); write it with <see cref="SetCoupling"/>.</summary>
    public ReadOnlySpan<T> Coupling => _a;

    /// <summary>Accumulated ∂L/∂A (N×N row-major) since the last <see cref="ZeroGradients"/>; valid after <see cref="FlushGradients"/>.</summary>
    public T[] GradA { get; }

    /// <summary>Accumulated ∂L/∂γ.</summary>
    public double GradGamma { get; private set; }

    /// <summary>Copies a new coupling matrix in.</summary>
    public void SetCoupling(ReadOnlySpan<T> a)
    {
        if (a.Length != _n * _n) throw new ArgumentException($"Coupling must be {_n}×{_n}, got {a.Length} values.");
        a.CopyTo(_a);
        // Every step multiplies by the same Aᵀ (forward) and A (adjoint): on the managed GEMM both are packed once per
        // coupling update instead of once per step (bit-identical results; about 15 % of each 250×784×784 product). Aᵀ is
        // packed straight from A (op(B) = Aᵀ), so no transposed copy is kept; other providers run the forward as an NT GEMM.
        _packedAT ??= GenericBlas.TryCreatePacked<T>(_n, _n);
        _packedA ??= GenericBlas.TryCreatePacked<T>(_n, _n);
        _packedAT?.Pack(true, _a, _n);
        _packedA?.Pack(false, _a, _n);
    }

    /// <summary>Clears the parameter gradient accumulators.</summary>
    public void ZeroGradients()
    {
        Array.Clear(GradA);
        GradGamma = 0;
        _stackRows = 0;
        _traj = null;
    }

    /// <summary>
    /// Takes the states of the coming adjoint pass from the solver's record: while each <see cref="EulerAdjointStep(ReadOnlySpan{T}, Span{T}, ReadOnlySpan{T}, T, Span{T}, int, T, bool)"/>
    /// receives x = x_s of <paramref name="states"/> for s = <paramref name="steps"/> − 1, …, 0 in turn, its cotangents go
    /// to row block s of the stack and its states are not copied (B·N values per step; 43 MB per optimiser step at N = 784,
    /// B = 250, 55 steps); <see cref="FlushGradients"/> then reduces β Cᵀ X over the steps done, reading X from
    /// <paramref name="states"/>. Any other call (a different x, batch or order) first reduces what has been done and falls
    /// back to the copying stack. Ignored when the pass would not fit the stack (<c>batch·steps</c> rows above its chunk).
    /// </summary>
    public void AttachTrajectory(T[] states, int stepLength, int steps)
    {
        ArgumentNullException.ThrowIfNull(states);
        FlushGradients();
        if (stepLength <= 0 || stepLength % _n != 0 || steps <= 0) return;
        int batch = stepLength / _n;
        if ((long)batch * steps > _chunkRows || states.LongLength < (long)stepLength * steps) return;
        (_traj, _trajBatch, _trajSteps, _trajNext) = (states, batch, steps, steps - 1);
    }

    /// <summary>The step of the attached trajectory that <paramref name="x"/> is, when it is the one expected next; otherwise
    /// −1, after reducing and detaching the trajectory (if any).</summary>
    private int TrajectoryStep(ReadOnlySpan<T> x, int batch)
    {
        if (_traj is null) return -1;
        int s = _trajNext;
        if (s >= 0 && batch == _trajBatch && !x.IsEmpty
            && System.Runtime.CompilerServices.Unsafe.AreSame(ref MemoryMarshal.GetReference(x), ref _traj[(long)s * batch * _n]))
            return s;
        FlushGradients();
        return -1;
    }

    /// <summary>Parameters as tensors for <see cref="IntegrateOp{T}"/>: A (N×N) and γ ([1]).</summary>
    public IReadOnlyList<int[]> ParameterShapes => new[] { new[] { _n, _n }, new[] { 1 } };

    /// <inheritdoc/>
    public void SetParameters(IReadOnlyList<Tensor<T>> values)
    {
        SetCoupling(values[0].Contiguous().Span);
        Gamma = double.CreateTruncating(values[1].Contiguous().Span[0]);
    }

    /// <inheritdoc/>
    public void ZeroParameterGradients() => ZeroGradients();

    /// <inheritdoc/>
    public void CollectParameterGradients(IReadOnlyList<Tensor<T>> destination)
    {
        FlushGradients();
        GradA.CopyTo(destination[0].Span);
        destination[1].Span[0] = T.CreateTruncating(GradGamma);
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<T> u, Span<T> k, int batch)
    {
        GenericBlas.Gemm(false, true, batch, _n, _n, Cast(Beta), u, _n, _a, _n, _packedAT, T.Zero, k, _n);
        DoubleWell.AddReaction(u[..(batch * _n)], k, Cast(4 * Math.Abs(Gamma)), Cast(A * A));
    }

    /// <inheritdoc/>
    public void VectorJacobianProduct(ReadOnlySpan<T> u, ReadOnlySpan<T> c, Span<T> du, int batch, bool accumulateParameters)
    {
        int len = batch * _n;
        GenericBlas.Gemm(false, false, batch, _n, _n, Cast(Beta), c, _n, _a, _n, _packedA, T.Zero, du, _n);
        DoubleWell.AddReactionVjp(u[..len], c[..len], du, Cast(4 * Math.Abs(Gamma)), Cast(A * A));
        if (!accumulateParameters) return;
        GradGamma += 4 * Math.Sign(Gamma) * DoubleWell.ReactionCotangent(u[..len], c[..len], Cast(A * A));
        var slot = CotangentSlot(batch);
        c[..len].CopyTo(slot);
        CommitCotangents(u, slot, batch);
    }

    /// <inheritdoc/>
    public unsafe void EulerStep(ReadOnlySpan<T> x, Span<T> next, int batch, T dt, T clip)
    {
        int len = batch * _n;
        if (x.Length < len || next.Length < len) throw new ArgumentException($"EulerStep: buffers must hold {batch}×{_n} values.");
        int parts = PartsFor(batch);
        if (parts == 1) { EulerStepRows(x, next, batch, dt, clip); return; }
        fixed (T* px = x, pn = next)
        {
            _work.Set(px, null, pn, null, null, batch, parts, dt, clip, adjoint: false);
            ParallelParts.Run(parts, _work);
        }
    }

    /// <summary>The adjoint of an Euler step with no clamp to undo (<paramref name="g"/> is only read): see the interface method.</summary>
    public void EulerAdjointStep(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> gradOut, int batch, T dt, bool accumulateParameters) =>
        EulerAdjointStep(x, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(g), g.Length), ReadOnlySpan<T>.Empty, T.Zero, gradOut, batch, dt, accumulateParameters);

    /// <inheritdoc/>
    public unsafe void EulerAdjointStep(ReadOnlySpan<T> x, Span<T> g, ReadOnlySpan<T> xNext, T clip, Span<T> gradOut, int batch, T dt, bool accumulateParameters)
    {
        int len = batch * _n;
        if (x.Length < len || g.Length < len || gradOut.Length < len) throw new ArgumentException($"EulerAdjointStep: buffers must hold {batch}×{_n} values.");
        bool mask = clip > T.Zero;
        if (mask && xNext.Length < len) throw new ArgumentException($"EulerAdjointStep: x_(n+1) must hold {batch}×{_n} values when clip > 0.");
        // Over an attached trajectory the cotangents go to the step's row block and the states stay where they are;
        // otherwise the states go onto the stack beside their cotangents (copied by each part, for its rows), and a batch
        // larger than the stack is reduced at once below instead.
        int trajStep = accumulateParameters ? TrajectoryStep(x, batch) : -1;
        Span<T> c;
        bool toStack;
        if (trajStep >= 0)
        {
            EnsureStack();
            c = _stackC.AsSpan(trajStep * len, len);
            toStack = false;
        }
        else
        {
            c = accumulateParameters ? CotangentSlot(batch) : Span<T>.Empty;
            toStack = accumulateParameters && batch <= _chunkRows;
            if (toStack) EnsureStackStates();
        }
        Span<T> u = toStack ? _stackU.AsSpan(_stackRows * _n, len) : Span<T>.Empty;
        if (accumulateParameters && _rowGamma.Length < batch) _rowGamma = new double[batch];
        int parts = PartsFor(batch);
        if (parts == 1) AdjointRows(x, g, mask ? xNext : ReadOnlySpan<T>.Empty, clip, gradOut, c, u, accumulateParameters ? _rowGamma : Span<double>.Empty, batch, dt);
        else
        {
            fixed (T* px = x, pg = g, pxn = xNext, po = gradOut, pc = c, pu = u)
            {
                _work.Set(px, pg, po, pc, pu, batch, parts, dt, clip, adjoint: true, accumulate: accumulateParameters, xNext: mask ? pxn : null);
                ParallelParts.Run(parts, _work);
            }
        }
        if (!accumulateParameters) return;
        // ∂L/∂γ: per-row sums added in row order, so the total does not depend on how the rows were split.
        double sum = 0;
        for (int r = 0; r < batch; r++) sum += _rowGamma[r];
        GradGamma += 4 * Math.Sign(Gamma) * sum;
        if (trajStep >= 0) _trajNext--;
        else if (toStack) _stackRows += batch;
        else AccumulateA(x, c, batch);
    }

    /// <summary>Rows per part below which a step is not split across threads (the per-part GEMM would lose more than the
    /// split gains).</summary>
    private const int MinRowsPerPart = 64;

    /// <summary>
    /// How many row blocks an Euler step (or its adjoint) of <paramref name="batch"/> rows is cut into. Each block runs its own
    /// GEMM on one thread and then its element-wise pass while its rows are still in cache; the managed GEMM's result does
    /// not depend on the row split and the element-wise passes are row-local, so every split gives the same bits. Measured
    /// on the 2-vCPU Xeon (250×784, 55 steps): the two row halves' GEMMs run as fast as one GEMM split by columns over both
    /// threads, and the element-wise passes, which ran on one thread beside it, now run on both.
    /// </summary>
    private static int PartsFor(int batch)
    {
        int p = ParallelParts.Parallelism;
        return p <= 1 ? 1 : Math.Clamp(batch / MinRowsPerPart, 1, p);
    }

    private void EulerStepRows(ReadOnlySpan<T> x, Span<T> next, int rows, T dt, T clip)
    {
        int len = rows * _n;
        GenericBlas.Gemm(false, true, rows, _n, _n, Cast(Beta) * dt, x, _n, _a, _n, _packedAT, T.Zero, next, _n);
        DoubleWell.EulerUpdate(x[..len], next[..len], dt * Cast(4 * Math.Abs(Gamma)), Cast(A * A), clip);
    }

    /// <summary>The adjoint of <paramref name="rows"/> rows: the clamp's mask on g (when <paramref name="xNext"/> is given), GEMM, element-wise pass (writing the cotangents to
    /// <paramref name="c"/> and each row's γ-sum to <paramref name="rowGamma"/> when they are not empty) and the copy of the
    /// states to <paramref name="u"/> when it is not empty.</summary>
    private void AdjointRows(ReadOnlySpan<T> x, Span<T> g, ReadOnlySpan<T> xNext, T clip, Span<T> gradOut, Span<T> c, Span<T> u, Span<double> rowGamma, int rows, T dt)
    {
        int n = _n, len = rows * n;
        if (!xNext.IsEmpty) SimdOps.ZeroWhereMagnitudeAtLeast(g[..len], xNext[..len], clip);   // the clamp passes no gradient where it bit
        GenericBlas.Gemm(false, false, rows, n, n, Cast(Beta) * dt, g, n, _a, n, _packedA, T.Zero, gradOut, n);
        T fourGamma = Cast(4 * Math.Abs(Gamma)), a2 = Cast(A * A);
        if (rowGamma.IsEmpty)
        {
            DoubleWell.EulerAdjoint(x[..len], g[..len], gradOut[..len], Span<T>.Empty, dt, fourGamma, a2);
            return;
        }
        for (int r = 0; r < rows; r++)
            rowGamma[r] = DoubleWell.EulerAdjoint(x.Slice(r * n, n), g.Slice(r * n, n), gradOut.Slice(r * n, n), c.Slice(r * n, n), dt, fourGamma, a2);
        if (!u.IsEmpty) x[..len].CopyTo(u);
    }

    private readonly RowPartWork _work;
    private double[] _rowGamma = Array.Empty<double>();

    /// <summary>One row block of a split Euler step or adjoint (the buffers are pinned by the caller for the call's duration).</summary>
    private sealed unsafe class RowPartWork(SaNodeField<T> owner) : IParallelPart
    {
        private T* _x, _g, _xNext, _out, _c, _u;
        private int _batch, _parts;
        private T _dt, _clip;
        private bool _adjoint, _accumulate;

        public void Set(T* x, T* g, T* output, T* c, T* u, int batch, int parts, T dt, T clip, bool adjoint, bool accumulate = false, T* xNext = null)
        {
            _x = x; _g = g; _xNext = xNext; _out = output; _c = c; _u = u;
            _batch = batch; _parts = parts; _dt = dt; _clip = clip; _adjoint = adjoint; _accumulate = accumulate;
        }

        public void Run(int part)
        {
            int r0 = (int)((long)_batch * part / _parts), r1 = (int)((long)_batch * (part + 1) / _parts), rows = r1 - r0;
            if (rows == 0) return;
            int n = owner._n, len = rows * n;
            nint off = (nint)r0 * n;
            if (!_adjoint)
            {
                owner.EulerStepRows(new ReadOnlySpan<T>(_x + off, len), new Span<T>(_out + off, len), rows, _dt, _clip);
                return;
            }
            owner.AdjointRows(new ReadOnlySpan<T>(_x + off, len), new Span<T>(_g + off, len),
                _xNext != null ? new ReadOnlySpan<T>(_xNext + off, len) : ReadOnlySpan<T>.Empty, _clip, new Span<T>(_out + off, len),
                _accumulate ? new Span<T>(_c + off, len) : Span<T>.Empty, _u != null ? new Span<T>(_u + off, len) : Span<T>.Empty,
                _accumulate ? owner._rowGamma.AsSpan(r0, rows) : Span<double>.Empty, rows, _dt);
        }
    }

    /// <summary>Where the next <paramref name="batch"/> cotangent rows go: the stack (flushed first when full), or a scratch
    /// block when one batch alone exceeds the stack.</summary>
    private Span<T> CotangentSlot(int batch)
    {
        int len = batch * _n;
        if (batch > _chunkRows)
        {
            if (_bigC.Length < len) _bigC = new T[len];
            return _bigC.AsSpan(0, len);
        }
        if (_traj is not null || _stackRows + batch > _chunkRows) FlushGradients();
        EnsureStack();
        return _stackC.AsSpan(_stackRows * _n, len);
    }

    /// <summary>Records the states u beside the cotangents just written to <see cref="CotangentSlot"/> (or reduces them at
    /// once when they did not fit the stack).</summary>
    private void CommitCotangents(ReadOnlySpan<T> u, ReadOnlySpan<T> c, int batch)
    {
        if (batch > _chunkRows) { AccumulateA(u, c, batch); return; }
        EnsureStackStates();
        u[..(batch * _n)].CopyTo(_stackU.AsSpan(_stackRows * _n));
        _stackRows += batch;
    }

    /// <summary>Reduces the stacked cotangents into <see cref="GradA"/>: ∂L/∂A += β Cᵀ U.</summary>
    public void FlushGradients()
    {
        if (_traj is not null)
        {
            // Steps _trajNext + 1 … S − 1 are done: their cotangents and states are row blocks of equal offset.
            int first = _trajNext + 1, rows = (_trajSteps - first) * _trajBatch;
            var states = _traj;
            _traj = null;
            if (rows > 0)
            {
                int off = first * _trajBatch * _n, count = rows * _n;
                AccumulateA(states.AsSpan(off, count), _stackC.AsSpan(off, count), rows);
            }
        }
        if (_stackRows == 0) return;
        AccumulateA(_stackU, _stackC, _stackRows);
        _stackRows = 0;
    }

    private void AccumulateA(ReadOnlySpan<T> u, ReadOnlySpan<T> c, int rows) =>
        GenericBlas.Gemm(true, false, _n, _n, rows, Cast(Beta), c, _n, u, _n, T.One, GradA, _n);

    private void EnsureStack()
    {
        if (_stackC.Length == 0) _stackC = new T[(long)_chunkRows * _n];
    }

    /// <summary>The states' half of the stack, allocated only when a pass does not run over an attached trajectory.</summary>
    private void EnsureStackStates()
    {
        if (_stackU.Length == 0) _stackU = new T[(long)_chunkRows * _n];
    }

    private static T Cast(double v) => T.CreateTruncating(v);
}
