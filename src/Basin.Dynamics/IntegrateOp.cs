using System.Numerics;
using Basin.Autodiff;
using Basin.Tensors;

namespace Basin.Dynamics;

/// <summary>
/// x(T) = solve(F_θ, x₀) as one fused autodiff node: inputs [x₀ (B×N), θ₁ … θ_p], output x(T) (B×N). The forward pass
/// integrates with <see cref="FixedStepSolver{T}"/> (recording the step states only when a gradient is needed) and the
/// backward pass runs the solver's exact discrete adjoint, returning ∂L/∂x₀ and ∂L/∂θ. Memory: (S+1)·B·N values, or
/// (S/k + k + 1)·B·N with <c>checkpointEvery = k</c>. Use a fresh instance per application (a tape records it once).
/// </summary>
public sealed class IntegrateOp<T> : CustomOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IParametricVectorField<T> _field;
    private readonly SolverOptions _options;
    private readonly FixedStepSolver<T> _solver;
    private readonly int _checkpointEvery;
    private int _batch;

    /// <summary>Creates the op; pass a <paramref name="solver"/> to reuse its buffers across applications.</summary>
    public IntegrateOp(IParametricVectorField<T> field, SolverOptions options, int checkpointEvery = 0, FixedStepSolver<T>? solver = null)
    {
        _field = field;
        _options = options.Validate();
        _checkpointEvery = checkpointEvery;
        _solver = solver ?? new FixedStepSolver<T>();
    }

    /// <inheritdoc/>
    public override string Name => $"Integrate[{_options.Method.Name}×{_options.Steps}]";

    /// <inheritdoc/>
    protected override Tensor<T>[] Forward(IReadOnlyList<Tensor<T>> inputs)
    {
        int n = _field.Dimension;
        var shapes = _field.ParameterShapes;
        if (inputs.Count != 1 + shapes.Count)
            throw new ArgumentException($"{Name}: expected x₀ and {shapes.Count} parameter tensors, got {inputs.Count} inputs.");
        var x0 = inputs[0];
        if (x0.Rank != 2 || x0.Dim(1) != n) throw new TensorShapeException($"{Name}: x₀ must be B×{n}, got {Shapes.Format(x0.Shape)}.");
        for (int i = 0; i < shapes.Count; i++)
            if (!Shapes.Equal(inputs[i + 1].Shape, shapes[i]))
                throw new TensorShapeException($"{Name}: parameter {i} must be {Shapes.Format(shapes[i])}, got {Shapes.Format(inputs[i + 1].Shape)}.");
        _field.SetParameters(inputs.Skip(1).ToArray());
        _batch = x0.Dim(0);
        var xT = new Tensor<T>(_batch, n);
        _solver.Forward(_field, x0.Contiguous().Span, _batch, _options, xT.Span, record: IsRecording, checkpointEvery: _checkpointEvery);
        return new[] { xT };
    }

    /// <inheritdoc/>
    protected override Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        int n = _field.Dimension;
        var shapes = _field.ParameterShapes;
        _field.ZeroParameterGradients();
        var gx0 = new Tensor<T>(_batch, n);
        _solver.Backward(_field, outputGradients[0].Contiguous().Span, gx0.Span);
        var grads = new Tensor<T>?[1 + shapes.Count];
        grads[0] = NeedsInputGrad(0) ? gx0 : null;
        var pg = shapes.Select(s => new Tensor<T>(s)).ToArray();
        _field.CollectParameterGradients(pg);
        for (int i = 0; i < shapes.Count; i++) grads[i + 1] = NeedsInputGrad(i + 1) ? pg[i] : null;
        return grads;
    }
}
