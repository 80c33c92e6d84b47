using Basin.Dynamics;

namespace Basin.Dynamics.Tests;

/// <summary>F(x)_j = −θ x_j³ + Σ_i x_i W_ij: a small nonlinear field with parameters θ and W, for gradient checks.</summary>
internal sealed class CubicLinearField : IBatchVectorField<double>
{
    public CubicLinearField(int n, double theta, double[] w) { Dimension = n; Theta = theta; W = w; GradW = new double[n * n]; }
    public int Dimension { get; }
    public double Theta;
    public double[] W;
    public double[] GradW;
    public double GradTheta;

    public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
    {
        int n = Dimension;
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < n; j++)
            {
                double s = -Theta * Math.Pow(u[b * n + j], 3);
                for (int i = 0; i < n; i++) s += u[b * n + i] * W[i * n + j];
                k[b * n + j] = s;
            }
    }

    public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters)
    {
        int n = Dimension;
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < n; i++)
            {
                double s = -3 * Theta * u[b * n + i] * u[b * n + i] * c[b * n + i];
                for (int j = 0; j < n; j++) s += W[i * n + j] * c[b * n + j];
                du[b * n + i] = s;
                if (accumulateParameters)
                {
                    GradTheta += -c[b * n + i] * Math.Pow(u[b * n + i], 3);
                    for (int j = 0; j < n; j++) GradW[i * n + j] += u[b * n + i] * c[b * n + j];
                }
            }
    }
}

/// <summary>dx/dt = −x ⊙ rates, exact solution x(t) = x₀ e^{−rate·t}.</summary>
internal sealed class DecayField(double[] rates) : IBatchVectorField<double>
{
    public int Dimension => rates.Length;

    public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
    {
        for (int b = 0; b < batch; b++) for (int j = 0; j < rates.Length; j++) k[b * rates.Length + j] = -rates[j] * u[b * rates.Length + j];
    }

    public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters)
    {
        for (int b = 0; b < batch; b++) for (int j = 0; j < rates.Length; j++) du[b * rates.Length + j] = -rates[j] * c[b * rates.Length + j];
    }
}

/// <summary>
/// <see cref="DecayField"/> with the fused Euler step and adjoint, recording what the solver hands it: the trajectory it
/// attaches before a backward, and whether each adjoint step's state is that record's x_s (the same memory).
/// </summary>
internal sealed class RecordingFusedDecayField(double[] rates) : IFusedEulerField<double>
{
    private readonly DecayField _plain = new(rates);
    public int Dimension => rates.Length;
    public double[]? Attached;
    public int AttachedStepLength, AttachedSteps, AdjointCalls, AdjointCallsOnRecord;

    public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch) => _plain.Evaluate(u, k, batch);

    public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters) =>
        _plain.VectorJacobianProduct(u, c, du, batch, accumulateParameters);

    public void EulerStep(ReadOnlySpan<double> x, Span<double> next, int batch, double dt, double clip)
    {
        int n = rates.Length;
        for (int i = 0; i < batch * n; i++) next[i] = x[i] - dt * rates[i % n] * x[i];
    }

    public void EulerAdjointStep(ReadOnlySpan<double> x, Span<double> g, ReadOnlySpan<double> xNext, double clip, Span<double> gradOut, int batch, double dt, bool accumulateParameters)
    {
        int n = rates.Length, len = batch * n;
        AdjointCalls++;
        if (Attached is not null)
            for (int s = 0; s < AttachedSteps; s++)
                if (System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x), ref Attached[s * len]))
                {
                    AdjointCallsOnRecord++;
                    break;
                }
        for (int i = 0; i < len; i++) gradOut[i] = g[i] - dt * rates[i % n] * g[i];
    }

    public void AttachTrajectory(double[] states, int stepLength, int steps)
    {
        Attached = states;
        AttachedStepLength = stepLength;
        AttachedSteps = steps;
    }
}

/// <summary>The Lorenz system σ = 10, ρ = 28, β = 8/3 (chaotic; Lyapunov exponent ≈ 0.9).</summary>
internal sealed class LorenzField : IBatchVectorField<double>
{
    public int Dimension => 3;
    public int Evaluations;

    public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
    {
        Evaluations++;
        for (int b = 0; b < batch; b++)
        {
            double x = u[3 * b], y = u[3 * b + 1], z = u[3 * b + 2];
            k[3 * b] = 10 * (y - x);
            k[3 * b + 1] = x * (28 - z) - y;
            k[3 * b + 2] = x * y - 8.0 / 3 * z;
        }
    }

    public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters) =>
        throw new NotSupportedException();
}

/// <summary>dx/dt = −y, dy/dt = x: x(t) = x₀ cos t − y₀ sin t, y(t) = x₀ sin t + y₀ cos t.</summary>
internal sealed class RotationField : IBatchVectorField<double>
{
    public int Dimension => 2;

    public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
    {
        for (int b = 0; b < batch; b++) { k[2 * b] = -u[2 * b + 1]; k[2 * b + 1] = u[2 * b]; }
    }

    public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters)
    {
        for (int b = 0; b < batch; b++) { du[2 * b] = c[2 * b + 1]; du[2 * b + 1] = -c[2 * b]; }
    }

    public static (double X, double Y) Exact(double x0, double y0, double t) =>
        (x0 * Math.Cos(t) - y0 * Math.Sin(t), x0 * Math.Sin(t) + y0 * Math.Cos(t));
}

/// <summary>dx/dt = x², which blows up at t = 1/x₀.</summary>
internal sealed class BlowUpField : IBatchVectorField<double>
{
    public int Dimension => 1;

    public void Evaluate(ReadOnlySpan<double> u, Span<double> k, int batch)
    {
        for (int b = 0; b < batch; b++) k[b] = u[b] * u[b];
    }

    public void VectorJacobianProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> c, Span<double> du, int batch, bool accumulateParameters)
    {
        for (int b = 0; b < batch; b++) du[b] = 2 * u[b] * c[b];
    }
}
