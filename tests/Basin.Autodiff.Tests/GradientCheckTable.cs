using Basin.Tensors;

namespace Basin.Autodiff.Tests;

/// <summary>Where random inputs are drawn, so that finite differences stay away from kinks and domain edges.</summary>
public enum Domain
{
    /// <summary>𝒩(0, 1).</summary>
    Normal,
    /// <summary>U[0.5, 2).</summary>
    Positive,
    /// <summary>±U[0.2, 1.5): away from the kink at 0.</summary>
    AwayFromZero,
    /// <summary>U[−1.5, 1.5) at least 0.1 away from ±0.5 (the Clamp bounds used below).</summary>
    AwayFromHalf,
    /// <summary>U[0, 1) (targets).</summary>
    Unit,
    /// <summary>3·𝒩(0, 1): exercises both tails of stable formulations.</summary>
    Wide,
}

/// <summary>One input of a gradient-check case.</summary>
public sealed record InputSpec(int[] Shape, Domain Domain = Domain.Normal, bool RequiresGrad = true, bool AsParameter = false);

/// <summary>A named function of some inputs whose tape gradient is compared against central differences.</summary>
public sealed record GradCase(string Name, Func<Tape<double>, Var<double>[], Var<double>> F, InputSpec[] Inputs)
{
    public override string ToString() => Name;

    /// <summary>The op or composite the case is about: the part of the name before '/'.</summary>
    public string Subject => Name.Split('/')[0];
}

/// <summary>
/// THE gradient-check table: one line per differentiable op, composite and fused op (plus variants after a '/').
/// Adding an op means adding a line here; <c>GradientCheckTests.EveryOpIsInTheTable</c> fails otherwise.
/// </summary>
public static class GradientCheckTable
{
    private static InputSpec I(params int[] shape) => new(shape);
    private static InputSpec I(Domain d, params int[] shape) => new(shape, d);
    private static InputSpec P(params int[] shape) => new(shape, AsParameter: true);
    private static InputSpec Const(Domain d, params int[] shape) => new(shape, d, RequiresGrad: false);

    private static GradCase C(string name, Func<Var<double>[], Var<double>> f, params InputSpec[] inputs) => new(name, (_, x) => f(x), inputs);

    public static readonly GradCase[] Cases =
    {
        C("MatMul", x => x[0].MatMul(x[1]), I(3, 4), P(4, 5)),
        C("MatMul/transposed-views", x => x[0].Transpose().MatMul(x[1].Transpose()), I(4, 3), I(5, 4)),
        C("Add", x => x[0] + x[1], I(3, 4), I(3, 4)),
        C("Add/bias-row", x => x[0] + x[1], I(3, 4), P(4)),
        C("Add/scalar", x => x[0] + x[1], I(3, 4), I()),
        C("Add/column", x => x[0] + x[1], I(2, 3, 4), I(2, 1, 1)),
        C("Add/outer", x => x[0] + x[1], I(3, 1), I(1, 4)),
        C("Subtract", x => x[0] - x[1], I(3, 4), I(3, 4)),
        C("Subtract/row", x => x[0] - x[1], I(4), I(3, 4)),
        C("Multiply", x => x[0] * x[1], I(3, 4), I(3, 4)),
        C("Multiply/row-and-scalar", x => x[0] * x[1] * x[2], I(3, 4), I(1, 4), I()),
        C("Divide", x => x[0] / x[1], I(3, 4), I(Domain.Positive, 3, 4)),
        C("Divide/column", x => x[0] / x[1], I(3, 4), I(Domain.Positive, 3, 1)),
        C("Neg", x => -x[0], I(3, 4)),
        C("Scale", x => x[0].Scale(-1.7), I(3, 4)),
        C("Exp", x => x[0].Exp(), I(3, 4)),
        C("Log", x => x[0].Log(), I(Domain.Positive, 3, 4)),
        C("Sqrt", x => x[0].Sqrt(), I(Domain.Positive, 3, 4)),
        C("Square", x => x[0].Square(), I(3, 4)),
        C("Pow", x => x[0].Pow(2.5), I(Domain.Positive, 3, 4)),
        C("Pow/integer-negative-base", x => x[0].Pow(3.0), I(3, 4)),
        C("Abs", x => x[0].Abs(), I(Domain.AwayFromZero, 3, 4)),
        C("Tanh", x => x[0].Tanh(), I(3, 4)),
        C("Relu", x => x[0].Relu(), I(Domain.AwayFromZero, 3, 4)),
        C("LeakyRelu", x => x[0].LeakyRelu(0.1), I(Domain.AwayFromZero, 3, 4)),
        C("Clamp", x => x[0].Clamp(-0.5, 0.5), I(Domain.AwayFromHalf, 4, 5)),
        C("Sum", x => x[0].Sum(), I(3, 4)),
        C("Sum/axis0", x => x[0].Sum(0), I(3, 4)),
        C("Sum/axis1-keepdims", x => x[0].Sum(1, keepDims: true), I(3, 4)),
        C("Sum/middle-axis", x => x[0].Sum(1), I(2, 3, 4)),
        C("Mean", x => x[0].Mean(), I(3, 4)),
        C("Mean/axis0", x => x[0].Mean(0), I(3, 4)),
        C("Reshape", x => x[0].Reshape(4, -1).Square(), I(2, 6)),
        C("Transpose", x => x[0].Transpose() * x[1], I(3, 4), I(4, 3)),
        C("Concat/axis0", x => Ops.Concat(0, x[0], x[1]).Square(), I(2, 3), I(4, 3)),
        C("Concat/axis1", x => Ops.Concat(1, x[0], x[1], x[2]).Square(), I(3, 2), I(3, 1), I(3, 4)),
        C("Slice/axis0", x => x[0].Slice(0, 1, 2).Square(), I(4, 3)),
        C("Slice/axis1", x => x[0].Slice(1, 1, 3).Square(), I(3, 5)),
        C("GatherRows", x => x[0].GatherRows(new[] { 2, 0, 2, 3 }).Square(), I(4, 3)),
        C("Max/axis1", x => x[0].Max(1), I(3, 5)),
        C("Max/axis0-keepdims", x => x[0].Max(0, keepDims: true), I(4, 3)),
        C("Min/axis1", x => x[0].Min(1), I(3, 5)),
        new("Track", (t, x) => t.Track((Parameter<double>)x[0]).Square(), new[] { P(3, 2) }),

        C("Sigmoid", x => Functional.Sigmoid(x[0]), I(Domain.Wide, 3, 4)),
        C("Softplus", x => Functional.Softplus(x[0]), I(Domain.Wide, 3, 4)),
        C("LogSumExp", x => Functional.LogSumExp(x[0]), I(Domain.Wide, 3, 4)),
        C("LogSumExp/axis0-keepdims", x => Functional.LogSumExp(x[0], 0, keepDims: true), I(3, 4)),
        C("LogSoftmax", x => Functional.LogSoftmax(x[0]), I(Domain.Wide, 3, 5)),
        C("LogSoftmax/axis0", x => Functional.LogSoftmax(x[0], 0), I(3, 5)),
        C("Softmax", x => Functional.Softmax(x[0]), I(3, 5)),
        C("CrossEntropy", x => Functional.CrossEntropy(x[0], new[] { 1, 0, 4, 2 }), I(4, 5)),
        C("Mse", x => Functional.Mse(x[0], x[1]), I(3, 4), Const(Domain.Normal, 3, 4)),
        C("BinaryCrossEntropyWithLogits", x => Functional.BinaryCrossEntropyWithLogits(x[0], x[1]), I(Domain.Wide, 3, 4), Const(Domain.Unit, 3, 4)),
        C("Gelu", x => Functional.Gelu(x[0]), I(Domain.Wide, 3, 4)),
        C("Linear", x => Functional.Linear(x[0], x[1], x[2]), I(3, 4), P(4, 2), P(2)),
        C("LinearTanh", x => Functional.LinearTanh(x[0], x[1], x[2]), I(3, 4), P(4, 2), P(2)),

        C("FusedLinearTanh", x => x[0].FusedLinearTanh(x[1], x[2]), I(3, 4), P(4, 2), P(2)),
        C("FusedLinearTanh/only-weight", x => x[0].FusedLinearTanh(x[1], x[2]), Const(Domain.Normal, 3, 4), P(4, 2), Const(Domain.Normal, 2)),
    };
}
