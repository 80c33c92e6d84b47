using System.Numerics;
using Basin.Tensors;
using Basin.Tensors.LinearAlgebra;

namespace Basin.SaNode.Analysis;

/// <summary>
/// Linear-stability certificate of the planted attractors of a trained SA-nODE (Marino et al. 2024, §II.B).
/// At any attractor φ ∈ {±a}ᴺ the reaction's derivative is f'(±a) = −8|γ|a² on every node, so the Jacobian is the same
/// for all K attractors, J = −8|γ|a² I + βA, and its spectrum is −8|γ|a² + β·eig(A). The certificate reports the paper's
/// sufficient bound (every effective λ_α below 8a²|γ|/β), the actual spectrum of J computed from the assembled A
/// (a general, non-symmetric eigenproblem), the residual ‖F(φ⁽ᵏ⁾)‖∞ of each attractor, and t_s = 1/min|Re spec J|.
/// </summary>
public sealed record StabilityCertificate(
    double Gamma, double A, double Beta, double Bound, double MaxLambdaEffective, bool StableByBound,
    double ReactionSlope, double MaxRealJacobian, double MinAbsRealJacobian, bool StableBySpectrum, double SettlingTime,
    double MaxFixedPointResidual, double[] LambdaEffective, Complex[] CouplingSpectrum)
{
    /// <summary>Computes the certificate (in double precision) for <paramref name="model"/>.</summary>
    public static StabilityCertificate Compute<T>(SaNodeModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cfg = model.Config;
        var m = new SaNodeModel<double>(cfg);
        for (int i = 0; i < model.PhiTrain.Length; i++) m.PhiTrain.Span[i] = double.CreateTruncating(model.PhiTrain.Span[i]);
        for (int i = 0; i < model.Lambda.Length; i++) m.Lambda.Span[i] = double.CreateTruncating(model.Lambda.Span[i]);
        m.Gamma = model.Gamma;
        m.PrepareCoupling();
        int n = cfg.N;
        double a = cfg.A, beta = cfg.EffectiveBeta, g = Math.Abs(m.Gamma);
        double bound = 8 * a * a * g / beta, lmax = m.LambdaMax;
        var lamEff = m.Lambda.ToArray().Select(l => Math.Min(l, lmax)).ToArray();
        double slope = -8 * g * a * a;
        var spectrum = Eigen.GeneralEigenvalues(new Tensor<double>((double[])m.CouplingMatrix.Clone(), n, n));
        double maxRe = spectrum.Max(z => slope + beta * z.Real);
        double minAbsRe = spectrum.Min(z => Math.Abs(slope + beta * z.Real));
        var field = new SaNodeField<double>(n, a, beta);
        field.SetCoupling(m.CouplingMatrix);
        field.Gamma = m.Gamma;
        var p = m.Patterns.ToArray();
        var k = new double[p.Length];
        field.Evaluate(p, k, cfg.K);
        double residual = k.Max(Math.Abs);
        return new StabilityCertificate(m.Gamma, a, beta, bound, lamEff.Max(), lamEff.Max() < bound, slope, maxRe, minAbsRe,
            maxRe < 0, 1 / minAbsRe, residual, lamEff, spectrum);
    }
}
