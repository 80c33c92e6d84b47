namespace Basin.Autodiff;

/// <summary>
/// A fused operation with a hand-written backward, recorded on the tape as one node: <see cref="Forward"/> maps input
/// values to output values and may keep whatever it needs (activations, ODE states) in fields; <see cref="Backward"/>
/// maps ∂L/∂outputs to ∂L/∂inputs. Use a fresh instance per application: an instance is recorded at most once.
/// Check a new op against its composite version (and the gradient-check table) before trusting it.
/// </summary>
public abstract class CustomOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool _recorded;
    private bool[] _needs = Array.Empty<bool>();

    /// <summary>The name recorded on the tape; the type name by default.</summary>
    public virtual string Name
    {
        get
        {
            var n = GetType().Name;
            int tick = n.IndexOf('`');
            return tick >= 0 ? n[..tick] : n;
        }
    }

    /// <summary>Whether input <paramref name="i"/> needs a gradient in this application (known before <see cref="Forward"/> runs, so it can skip saving).</summary>
    protected bool NeedsInputGrad(int i) => i < _needs.Length && _needs[i];

    /// <summary>True when the current application is being recorded for a backward pass.</summary>
    protected bool IsRecording => _needs.Any(static b => b);

    /// <summary>Computes the outputs from the input values (which must not be modified).</summary>
    protected abstract Tensor<T>[] Forward(IReadOnlyList<Tensor<T>> inputs);

    /// <summary>
    /// Given ∂L/∂output for every output (zeros for outputs that received no gradient), returns ∂L/∂input for every
    /// input, each of the input's shape, or null where <see cref="NeedsInputGrad"/> is false.
    /// </summary>
    protected abstract Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputGradients);

    /// <summary>Runs the op on <paramref name="inputs"/> and records it when any input requires a gradient.</summary>
    public Var<T>[] Apply(params Var<T>[] inputs)
    {
        var tape = Tape<T>.Resolve(Name, inputs, out bool record);
        if (record && _recorded) throw new InvalidOperationException($"{Name}: this custom-op instance has already been recorded; create a new instance per application.");
        _needs = new bool[inputs.Length];
        if (record) for (int i = 0; i < inputs.Length; i++) _needs[i] = inputs[i].RequiresGrad;
        var values = new Tensor<T>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) values[i] = inputs[i].Value;
        var outs = Forward(values);
        var vars = new Var<T>[outs.Length];
        if (!record)
        {
            for (int i = 0; i < outs.Length; i++) vars[i] = Tape<T>.Untracked(outs[i], tape);
            return vars;
        }
        _recorded = true;
        for (int i = 0; i < outs.Length; i++) vars[i] = tape!.NewVar(outs[i]);
        tape!.Record(new CustomOpNode<T>(this, (Var<T>[])inputs.Clone(), vars));
        return vars;
    }

    /// <summary>Runs a single-output op.</summary>
    public Var<T> ApplySingle(params Var<T>[] inputs)
    {
        var r = Apply(inputs);
        return r.Length == 1 ? r[0] : throw new InvalidOperationException($"{Name} has {r.Length} outputs; use Apply.");
    }

    internal Tensor<T>?[] RunBackward(IReadOnlyList<Tensor<T>> outputGradients) => Backward(outputGradients);
}

/// <summary>The tape record of one <see cref="CustomOp{T}"/> application.</summary>
internal sealed class CustomOpNode<T>(CustomOp<T> op, Var<T>[] inputs, Var<T>[] outputs) : TapeNode<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override string Name => op.Name;

    internal override void Backward(Tape<T> tape)
    {
        bool any = false;
        foreach (var o in outputs) any |= tape.Reached(o);
        if (!any) return;
        var grads = new Tensor<T>[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
            grads[i] = tape.Reached(outputs[i]) ? outputs[i].Grad! : tape.Rent(outputs[i].Shape, zero: true);
        var gin = op.RunBackward(grads);
        if (gin.Length != inputs.Length)
            throw new InvalidOperationException($"{op.Name}.Backward returned {gin.Length} gradients for {inputs.Length} inputs.");
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!inputs[i].RequiresGrad || gin[i] is not { } g) continue;
            if (!g.SameShape(inputs[i].Value))
                throw new TensorShapeException($"{op.Name}.Backward: gradient {Shapes.Format(g.Shape)} for input {i} of shape {Shapes.Format(inputs[i].Shape)}.");
            Strided.Accumulate(tape.GradOf(inputs[i]), g);
        }
    }
}
