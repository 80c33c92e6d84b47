using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>Copies between row-major tensors and MathNet's column-major dense matrices (one blocked transpose each way).</summary>
internal static class MathNetInterop
{
    /// <summary>A column-major MathNet matrix over a fresh array holding the entries of <paramref name="a"/>.</summary>
    public static Matrix<double> ToMathNet<T>(Tensor<T> a, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rowMajor = RowMajor.ToDoubleArray(a, op);
        int m = a.Dim(0), n = a.Dim(1);
        var colMajor = new double[m * n];
        RowMajor.Transpose(rowMajor, m, n, colMajor);
        return new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(m, n, colMajor);
    }

    /// <summary>The first <paramref name="cols"/> columns of a MathNet matrix as a row-major tensor.</summary>
    public static Tensor<double> FromMathNet(Matrix<double> a, int cols)
    {
        int m = a.RowCount;
        var colMajor = a is MathNet.Numerics.LinearAlgebra.Double.DenseMatrix dense ? dense.Values : a.ToColumnMajorArray();
        var t = new Tensor<double>(m, cols);
        RowMajor.Transpose(colMajor.AsSpan(0, m * cols), cols, m, t.Span);
        return t;
    }
}
