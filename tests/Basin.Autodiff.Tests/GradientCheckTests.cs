using System.Reflection;
using Basin.Tensors;
using Xunit.Abstractions;

namespace Basin.Autodiff.Tests;

public sealed class GradientCheckTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    public static IEnumerable<object[]> CaseNames() => GradientCheckTable.Cases.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void TapeGradientMatchesCentralDifferences(string name)
    {
        var c = GradientCheckTable.Cases.Single(k => k.Name == name);
        double err = RelativeError(c, seed: StableSeed(name), out _);
        output.WriteLine($"{name}: relative error {err:E2}");
        Assert.True(err <= Tolerance, $"{name}: relative error {err:E3} exceeds {Tolerance:E0}.");
    }

    [Fact]
    public void EveryOpIsInTheTable()
    {
        var asm = typeof(Tape<>).Assembly;
        var covered = new HashSet<Type>();
        var coveredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in GradientCheckTable.Cases)
        {
            RelativeError(c, 1, out var tape);
            foreach (var n in tape.Nodes)
            {
                covered.Add(n.GetType().GetGenericTypeDefinition());
                coveredNames.Add(n.Name);
            }
        }

        var nodeBase = typeof(TapeNode<>);
        var primitives = asm.GetTypes().Where(t => !t.IsAbstract && t.IsGenericTypeDefinition && DerivesFrom(t, nodeBase) && t.Name != "CustomOpNode`1");
        var missingPrimitives = primitives.Where(t => !covered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missingPrimitives.Count == 0, "Primitive ops without a gradient-check case: " + string.Join(", ", missingPrimitives));

        var customOps = asm.GetTypes().Where(t => !t.IsAbstract && DerivesFrom(t, typeof(CustomOp<>))).Select(t => t.Name.Split('`')[0]);
        var missingCustom = customOps.Where(n => !coveredNames.Contains(n)).ToList();
        Assert.True(missingCustom.Count == 0, "Custom ops without a gradient-check case: " + string.Join(", ", missingCustom));

        var subjects = GradientCheckTable.Cases.Select(c => c.Subject).ToHashSet(StringComparer.Ordinal);
        var composites = typeof(Functional).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Distinct();
        var missingComposites = composites.Where(n => !subjects.Contains(n)).ToList();
        Assert.True(missingComposites.Count == 0, "Functional composites without a gradient-check case: " + string.Join(", ", missingComposites));

        var opsMethods = typeof(Ops).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Distinct();
        var missingOps = opsMethods.Where(n => !subjects.Contains(n)).ToList();
        Assert.True(missingOps.Count == 0, "Ops methods without a gradient-check case: " + string.Join(", ", missingOps));
    }

    [Fact]
    public void ReportMaximumErrorsPerSubject()
    {
        var worst = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in GradientCheckTable.Cases)
        {
            double e = RelativeError(c, 7, out _);
            worst[c.Subject] = Math.Max(worst.GetValueOrDefault(c.Subject), e);
        }
        foreach (var (k, v) in worst) output.WriteLine($"| {k} | {v:E1} |");
        Assert.All(worst.Values, v => Assert.True(v <= Tolerance));
    }

    private static ulong StableSeed(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in s) h = (h ^ ch) * 1099511628211UL;
        return h;
    }

    private static bool DerivesFrom(Type t, Type openBase)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType)
            if (b.IsGenericType && b.GetGenericTypeDefinition() == openBase) return true;
        return false;
    }

    /// <summary>
    /// ‖g − g_fd‖ / max(1e-8, ‖g‖ + ‖g_fd‖) over all inputs that require gradients, where g is the tape's vector–Jacobian
    /// product of a random seed w (the gradient of ⟨w, f(x)⟩) and g_fd its central difference with h = 1e-6·max(1, |xᵢ|).
    /// </summary>
    internal static double RelativeError(GradCase c, ulong seed, out Tape<double> tape)
    {
        var rng = new Rng(seed);
        var values = c.Inputs.Select(s => Draw(rng, s)).ToArray();
        tape = new Tape<double>();
        var vars = Build(tape, c.Inputs, values);
        var y = c.F(tape, vars);
        var w = Tensor.Normal(rng, 0.0, 1.0, y.Shape.ToArray());
        foreach (var v in vars) if (v is Parameter<double> p) p.ZeroGrad();
        tape.Backward(y, w);

        double num = 0, g2 = 0, f2 = 0;
        for (int k = 0; k < values.Length; k++)
        {
            if (!c.Inputs[k].RequiresGrad) continue;
            var g = vars[k].Grad?.ToArray() ?? new double[values[k].Length];
            var xs = values[k].Span;
            for (int i = 0; i < xs.Length; i++)
            {
                double x0 = xs[i], h = 1e-6 * Math.Max(1, Math.Abs(x0));
                xs[i] = x0 + h; double fp = Functional(c, values, w);
                xs[i] = x0 - h; double fm = Functional(c, values, w);
                xs[i] = x0;
                double fd = (fp - fm) / (2 * h);
                num += (g[i] - fd) * (g[i] - fd); g2 += g[i] * g[i]; f2 += fd * fd;
            }
        }
        return Math.Sqrt(num) / Math.Max(1e-8, Math.Sqrt(g2) + Math.Sqrt(f2));
    }

    private static double Functional(GradCase c, Tensor<double>[] values, Tensor<double> w)
    {
        using var _ = Autograd.NoGrad();
        var tape = new Tape<double>();
        var y = c.F(tape, Build(tape, c.Inputs, values.Select(v => v.Clone()).ToArray()));
        return TensorOps.Dot(y.Value, w);
    }

    private static Var<double>[] Build(Tape<double> tape, InputSpec[] specs, Tensor<double>[] values) =>
        specs.Select((s, i) => s.AsParameter ? new Parameter<double>(values[i]) : tape.Input(values[i], s.RequiresGrad)).ToArray();

    private static Tensor<double> Draw(Rng rng, InputSpec s)
    {
        var t = new Tensor<double>(s.Shape);
        var d = t.Span;
        for (int i = 0; i < d.Length; i++)
            d[i] = s.Domain switch
            {
                Domain.Normal => rng.NextNormal(),
                Domain.Positive => 0.5 + 1.5 * rng.NextDouble(),
                Domain.AwayFromZero => (rng.NextDouble() < 0.5 ? -1 : 1) * (0.2 + 1.3 * rng.NextDouble()),
                Domain.AwayFromHalf => AwayFromHalf(rng),
                Domain.Unit => rng.NextDouble(),
                Domain.Wide => 3 * rng.NextNormal(),
                _ => throw new ArgumentOutOfRangeException(nameof(s)),
            };
        return t;
    }

    private static double AwayFromHalf(Rng rng)
    {
        while (true)
        {
            double v = -1.5 + 3 * rng.NextDouble();
            if (Math.Abs(Math.Abs(v) - 0.5) > 0.1) return v;
        }
    }
}
