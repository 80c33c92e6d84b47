using System.Numerics;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>Spectra of general (non-symmetric) real matrices, e.g. the Jacobian of the SA-nODE flow at an attractor.</summary>
public static class Eigen
{
    /// <summary>
    /// The n eigenvalues of a real square matrix, sorted by descending real part, then descending imaginary part
    /// (so a complex pair appears as λ, λ̄). Computed by MathNet.Numerics' managed Hessenberg reduction and
    /// shifted QR (EISPACK orthes/hqr2); see README.md for timings.
    /// </summary>
    /// <exception cref="ArgumentException">A has non-finite entries.</exception>
    public static Complex[] GeneralEigenvalues<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = RowMajor.RequireSquare(a, "Eigen.GeneralEigenvalues");
        if (n == 0) return Array.Empty<Complex>();
        var m = MathNetInterop.ToMathNet(a, "Eigen.GeneralEigenvalues");
        if (!TensorPrimitives.IsFiniteAll<double>(((MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)m).Values))
            throw new ArgumentException("Eigen.GeneralEigenvalues: the matrix has NaN or infinite entries.", nameof(a));
        var ev = m.Evd(Symmetricity.Asymmetric).EigenValues.ToArray();
        Array.Sort(ev, (x, y) => x.Real != y.Real ? y.Real.CompareTo(x.Real) : y.Imaginary.CompareTo(x.Imaginary));
        return ev;
    }

    /// <summary>max |λᵢ| over the eigenvalues of a square matrix.</summary>
    public static double SpectralRadius<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double r = 0;
        foreach (var l in GeneralEigenvalues(a)) r = Math.Max(r, l.Magnitude);
        return r;
    }
}
