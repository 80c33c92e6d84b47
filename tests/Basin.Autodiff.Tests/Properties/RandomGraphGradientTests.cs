using Basin.Tensors;
using CsCheck;

namespace Basin.Autodiff.Tests.Properties;

/// <summary>
/// Property (issue 28 §3): for random expression graphs — compositions up to depth 4 of add, subtract, multiply, divide,
/// matmul, transpose, tanh, exp, sigmoid, softplus, square, log, sqrt, scale, neg, axis sums and means broadcast back — over
/// three n×n float64 inputs (n = 1 … 4, a leaf may be used many times, so gradients accumulate), the tape's
/// vector–Jacobian product of a random seed w matches central finite differences of ⟨w, f(x)⟩:
/// ‖g − g_fd‖ / (‖g‖ + ‖g_fd‖ + 0.01) ≤ 1e-6 with h = 1e-6·max(1, |xᵢ|) (the tolerance of GradientCheckTests, with an
/// absolute floor of 1e-8 for gradients near zero, where the difference quotient's round-off dominates).
/// Graphs whose output exceeds 100 in magnitude are filtered out (there round-off of the difference quotient, ε·|f|/h,
/// would approach the tolerance).
/// </summary>
public sealed class RandomGraphGradientTests
{
    public abstract record Expr
    {
        public abstract Var<double> Build(Var<double>[] x);
    }

    public sealed record Leaf(int I) : Expr
    {
        public override Var<double> Build(Var<double>[] x) => x[I];
        public override string ToString() => $"x{I}";
    }

    public sealed record Unary(string Op, double C, Expr A) : Expr
    {
        public override Var<double> Build(Var<double>[] x)
        {
            var a = A.Build(x);
            return Op switch
            {
                "tanh" => a.Tanh(),
                "exp" => a.Exp(),
                "sigmoid" => Functional.Sigmoid(a),
                "softplus" => Functional.Softplus(a),
                "square" => a.Square(),
                "log1p²" => (a.Square() + 1.0).Log(),
                "sqrt1p²" => (a.Square() + 1.0).Sqrt(),
                "scale" => a.Scale(C),
                "neg" => -a,
                "transpose" => a.Transpose(),
                "rowsum*" => a * a.Sum(1, keepDims: true),
                "colmean+" => a + a.Mean(0, keepDims: true),
                _ => throw new InvalidOperationException(Op),
            };
        }

        public override string ToString() => Op == "scale" ? $"{C:G3}·({A})" : $"{Op}({A})";
    }

    public sealed record Binary(string Op, Expr A, Expr B) : Expr
    {
        public override Var<double> Build(Var<double>[] x)
        {
            Var<double> a = A.Build(x), b = B.Build(x);
            return Op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/(1+²)" => a / (b.Square() + 1.0),
                "@" => a.MatMul(b),
                _ => throw new InvalidOperationException(Op),
            };
        }

        public override string ToString() => Op == "@" ? $"matmul({A}, {B})" : $"({A} {Op} {B})";
    }

    private const int Leaves = 3;

    private static readonly string[] UnaryOps = ["tanh", "exp", "sigmoid", "softplus", "square", "log1p²", "sqrt1p²", "scale", "neg", "transpose", "rowsum*", "colmean+"];
    private static readonly string[] BinaryOps = ["+", "-", "*", "/(1+²)", "@"];

    private static Gen<Expr> ExprGen(int depth) => depth == 0
        ? Gen.Int[0, Leaves - 1].Select(i => (Expr)new Leaf(i))
        : Gen.Frequency(
            (1, Gen.Int[0, Leaves - 1].Select(i => (Expr)new Leaf(i))),
            (3, from op in Gen.OneOf(UnaryOps) from c in Gen.Double[-2, 2] from a in ExprGen(depth - 1) select (Expr)new Unary(op, c, a)),
            (3, from op in Gen.OneOf(BinaryOps) from a in ExprGen(depth - 1) from b in ExprGen(depth - 1) select (Expr)new Binary(op, a, b)));

    public sealed record GraphCase(Expr F, int N, int Seed)
    {
        public Tensor<double>[] Inputs()
        {
            var rng = new Rng((ulong)(uint)Seed);
            return Enumerable.Range(0, Leaves).Select(_ => Tensor.Normal(rng, 0.0, 0.8, N, N)).ToArray();
        }

        public Tensor<double> Seed2()
        {
            var rng = new Rng((ulong)(uint)Seed + 1_000_003);
            return Tensor.Normal(rng, 0.0, 1.0, N, N);
        }

        public override string ToString() => $"f = {F}, n = {N}, seed {Seed}";
    }

    private static Tensor<double> Forward(Expr f, Tensor<double>[] inputs)
    {
        using var _ = Autograd.NoGrad();
        var tape = new Tape<double>();
        return f.Build(inputs.Select(v => tape.Input(v.Clone())).ToArray()).Value.Contiguous().Clone();
    }

    private static readonly Gen<GraphCase> Case =
        (from f in ExprGen(4) from n in Gen.Int[1, 4] from seed in Gen.Int select new GraphCase(f, n, seed))
        .Where(c => Forward(c.F, c.Inputs()).ToArray().All(v => double.IsFinite(v) && Math.Abs(v) <= 100));

    private static double RelativeError(GraphCase c)
    {
        var values = c.Inputs();
        var w = c.Seed2();
        var tape = new Tape<double>();
        var vars = values.Select(v => tape.Input(v, requiresGrad: true)).ToArray();
        var y = c.F.Build(vars);
        tape.Backward(y, w);
        double num = 0, g2 = 0, f2 = 0;
        for (int k = 0; k < values.Length; k++)
        {
            var g = vars[k].Grad?.ToArray() ?? new double[values[k].Length];
            var xs = values[k].Span;
            for (int i = 0; i < xs.Length; i++)
            {
                double x0 = xs[i], h = 1e-6 * Math.Max(1, Math.Abs(x0));
                xs[i] = x0 + h; double fp = TensorOps.Dot(Forward(c.F, values), w);
                xs[i] = x0 - h; double fm = TensorOps.Dot(Forward(c.F, values), w);
                xs[i] = x0;
                double fd = (fp - fm) / (2 * h);
                num += (g[i] - fd) * (g[i] - fd); g2 += g[i] * g[i]; f2 += fd * fd;
            }
        }
        // Absolute floor: the difference quotient's own round-off, ≈ ε·|⟨w, f⟩|/h per component (≈ 1e-10 here), makes a
        // relative error meaningless for gradients near zero (a graph scaled by 1e-6, say).
        return Math.Sqrt(num) / Math.Max(1e-8, Math.Sqrt(g2) + Math.Sqrt(f2) + 1e-2);
    }

    [Fact]
    public void TapeGradientsOfRandomGraphsMatchCentralDifferences() =>
        Case.Sample(c =>
        {
            double err = RelativeError(c);
            if (!(err <= 1e-6)) throw new Exception($"relative gradient error {err:E3} > 1e-6");
        }, iter: 2000, print: c => c.ToString());
}
