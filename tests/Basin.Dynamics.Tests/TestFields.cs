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
