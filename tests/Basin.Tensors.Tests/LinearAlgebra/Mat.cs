using Basin.Tensors;

namespace Basin.Tensors.Tests.LinearAlgebra;

/// <summary>Small helpers for the decomposition tests.</summary>
internal static class Mat
{
    public static Tensor<double> Random(int m, int n, ulong seed) => Tensor.Normal(new Rng(seed), 0.0, 1.0, m, n);

    public static Tensor<double> Mul(Tensor<double> a, Tensor<double> b) => TensorOps.MatMul(a, b);

    public static double MaxAbsDiff(Tensor<double> a, Tensor<double> b) => TensorOps.MaxAbsDiff(a, b);

    public static double Norm(Tensor<double> a) => TensorOps.Norm(a);

    public static Tensor<double> Symmetric(int n, ulong seed)
    {
        var a = Random(n, n, seed);
        return TensorOps.Scale(TensorOps.Add(a, a.Transpose().Contiguous()), 0.5);
    }

    /// <summary>Q·diag(σ)·Vᵀ with prescribed singular values (random orthogonal Q, V).</summary>
    public static Tensor<double> WithSingularValues(double[] sigma, ulong seed)
    {
        int n = sigma.Length;
        var q = Basin.Tensors.LinearAlgebra.Qr.Factor(Random(n, n, seed)).Q;
        var v = Basin.Tensors.LinearAlgebra.Qr.Factor(Random(n, n, seed + 1)).Q;
        var qs = q.Clone();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) qs[i, j] *= sigma[j];
        return Mul(qs, v.Transpose());
    }
}
