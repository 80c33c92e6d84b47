using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>
/// Records operations on <see cref="Var{T}"/> in execution order (a Wengert list) and runs reverse-mode
/// differentiation over it: <see cref="Backward(Var{T})"/> walks the nodes backwards, each applying its
/// vector–Jacobian product ḡ_in += J_opᵀ ḡ_out. Intermediate values and gradients come from a buffer pool owned
/// by the tape; <see cref="Reset"/> returns them, so a training loop that resets one tape per step reaches a
/// steady state with few new arrays. Tape variables (inputs and intermediates) are zeroed at the start of every
/// backward pass; <see cref="Parameter{T}"/> gradients accumulate until zeroed.
/// A tape is not thread-safe.
/// </summary>
public sealed class Tape<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<TapeNode<T>> _nodes = new();
    private readonly List<Var<T>> _vars = new();
    private readonly Dictionary<int, Stack<T[]>> _free = new();
    private readonly List<T[]> _rented = new();
    private int _epoch = 1;

    /// <summary>The recorded operations, in execution order.</summary>
    public IReadOnlyList<TapeNode<T>> Nodes => _nodes;

    /// <summary>Number of pooled arrays currently handed out (for tests and diagnostics).</summary>
    public int RentedBuffers => _rented.Count;

    /// <summary>Number of arrays allocated by the pool since the tape was created.</summary>
    public int AllocatedBuffers { get; private set; }

    /// <summary>Puts an input on the tape (the tensor is not copied). With <paramref name="requiresGrad"/> its <c>Grad</c> is filled by backward passes (e.g. for input-gradient attacks).</summary>
    public Var<T> Input(Tensor<T> value, bool requiresGrad = false)
    {
        var v = new TrackedVar<T>(value, this, requiresGrad && Autograd.IsGradEnabled);
        _vars.Add(v);
        return v;
    }

    /// <summary>Brings a parameter onto this tape as an identity node, for expressions that involve only parameters (e.g. weight penalties).</summary>
    public Var<T> Track(Parameter<T> parameter) => Ops.Identity(parameter, this);

    /// <summary>Backpropagates a scalar (one-element) <paramref name="loss"/> with seed ∂L/∂L = 1.</summary>
    public void Backward(Var<T> loss)
    {
        if (loss.Value.Length != 1)
            throw new InvalidOperationException(
                $"Backward(loss) needs a scalar; the output has shape {Shapes.Format(loss.Shape)}. Pass a seed gradient of that shape: Backward(output, seed).");
        var seed = Rent(loss.Shape, zero: false);
        seed.Span[0] = T.One;
        Backward(loss, seed);
    }

    /// <summary>
    /// Vector–Jacobian product: backpropagates <paramref name="seed"/> = ∂L/∂output (same shape as <paramref name="output"/>)
    /// and accumulates ∂L/∂p into every reachable parameter's <c>Grad</c>.
    /// </summary>
    public void Backward(Var<T> output, Tensor<T> seed)
    {
        if (!output.RequiresGrad)
            throw new InvalidOperationException("Backward: the output does not depend on any variable that requires a gradient (was it computed under Autograd.NoGrad?).");
        if (!ReferenceEquals(output.Tape, this) && output is not Parameter<T>)
            throw new InvalidOperationException("Backward: the output was recorded on a different tape.");
        if (!output.Value.SameShape(seed))
            throw new TensorShapeException($"Backward: seed shape {Shapes.Format(seed.Shape)} does not match output shape {Shapes.Format(output.Shape)}.");
        _epoch++;
        Strided.Accumulate(GradOf(output), seed);
        for (int i = _nodes.Count - 1; i >= 0; i--) _nodes[i].Backward(this);
    }

    /// <summary>Forgets all recorded operations and returns every pooled buffer; values and gradients of tape variables become invalid.</summary>
    public void Reset()
    {
        foreach (var v in _vars) v.Grad = null;
        _vars.Clear();
        _nodes.Clear();
        foreach (var a in _rented)
        {
            if (!_free.TryGetValue(a.Length, out var stack)) _free[a.Length] = stack = new Stack<T[]>();
            stack.Push(a);
        }
        _rented.Clear();
        _epoch++;
    }

    /// <summary>A packed tensor from the pool, valid until <see cref="Reset"/>.</summary>
    internal Tensor<T> Rent(ReadOnlySpan<int> shape, bool zero)
    {
        int n = Shapes.Size(shape);
        T[] a;
        if (_free.TryGetValue(n, out var stack) && stack.Count > 0)
        {
            a = stack.Pop();
            if (zero) Array.Clear(a);
        }
        else
        {
            a = new T[n];
            AllocatedBuffers++;
        }
        _rented.Add(a);
        return new Tensor<T>(a, shape.ToArray());
    }

    /// <summary><paramref name="t"/> itself when packed, else a packed pooled copy.</summary>
    internal Tensor<T> Packed(Tensor<T> t)
    {
        if (t.IsContiguous) return t;
        var p = Rent(t.Shape, zero: false);
        Strided.Copy(t, p);
        return p;
    }

    /// <summary>True when <paramref name="v"/> received a gradient in the current backward pass.</summary>
    internal bool Reached(Var<T> v) => v.Grad is not null && v.GradEpoch == _epoch;

    /// <summary>The gradient buffer of <paramref name="v"/> for the current pass, zeroed on first touch (parameters keep accumulating).</summary>
    internal Tensor<T> GradOf(Var<T> v)
    {
        if (v is Parameter<T> p) return p.EnsureGrad();
        if (v.GradEpoch != _epoch || v.Grad is null)
        {
            if (v.Grad is null || !ReferenceEquals(v.Tape, this)) v.Grad = Rent(v.Shape, zero: true);
            else v.Grad.Span.Clear();
            v.GradEpoch = _epoch;
        }
        return v.Grad;
    }

    /// <summary>Appends <paramref name="node"/> with a new output holding <paramref name="value"/>.</summary>
    internal Var<T> Record(PrimitiveNode<T> node, Tensor<T> value)
    {
        var v = new TrackedVar<T>(value, this, true);
        node.Output = v;
        _nodes.Add(node);
        _vars.Add(v);
        return v;
    }

    /// <summary>Appends a multi-output node whose outputs were made by <see cref="NewVar"/>.</summary>
    internal void Record(TapeNode<T> node) => _nodes.Add(node);

    internal Var<T> NewVar(Tensor<T> value)
    {
        var v = new TrackedVar<T>(value, this, true);
        _vars.Add(v);
        return v;
    }

    /// <summary>
    /// The tape shared by <paramref name="inputs"/> and whether the operation must be recorded (some input requires a
    /// gradient and recording is enabled). Throws when gradients are needed but no input is on a tape, or when inputs
    /// come from two tapes.
    /// </summary>
    internal static Tape<T>? Resolve(string op, ReadOnlySpan<Var<T>> inputs, out bool record)
    {
        Tape<T>? tape = null;
        bool needs = false;
        foreach (var v in inputs)
        {
            needs |= v.RequiresGrad;
            if (v.Tape is null) continue;
            if (tape is null) tape = v.Tape;
            else if (!ReferenceEquals(tape, v.Tape)) throw new InvalidOperationException($"{op}: inputs come from two different tapes.");
        }
        record = needs && Autograd.IsGradEnabled;
        if (record && tape is null)
            throw new InvalidOperationException(
                $"{op}: an input requires a gradient but none is on a tape. Create inputs with tape.Input(...), bring a parameter onto a tape with tape.Track(p), or compute under Autograd.NoGrad().");
        return tape;
    }

    internal static Tape<T>? Resolve(string op, Var<T> a, out bool record) => Resolve(op, [a], out record);

    internal static Tape<T>? Resolve(string op, Var<T> a, Var<T> b, out bool record) => Resolve(op, [a, b], out record);

    /// <summary>A packed output buffer: pooled when a tape is present, else fresh.</summary>
    internal static Tensor<T> Alloc(Tape<T>? tape, ReadOnlySpan<int> shape) => tape?.Rent(shape, zero: false) ?? new Tensor<T>(shape.ToArray());

    /// <summary>Packed view or copy of <paramref name="t"/> (pooled when a tape is present).</summary>
    internal static Tensor<T> Packed(Tape<T>? tape, Tensor<T> t) => tape?.Packed(t) ?? t.Contiguous();

    /// <summary>The result of an unrecorded operation.</summary>
    internal static Var<T> Untracked(Tensor<T> value, Tape<T>? tape) => new TrackedVar<T>(value, tape, false);
}
