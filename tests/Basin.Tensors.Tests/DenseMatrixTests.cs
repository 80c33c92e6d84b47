using Basin.Tensors;
using Xunit;

namespace Basin.Tensors.Tests;

public class DenseMatrixTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 70)]
    [InlineData(65, 33)]
    public void Transpose_swaps_indices(int rows, int cols)
    {
        var src = Enumerable.Range(0, rows * cols).Select(i => (float)i).ToArray();
        var dst = new float[src.Length];
        DenseMatrix.Transpose<float>(src, rows, cols, dst);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                Assert.Equal(src[i * cols + j], dst[j * rows + i]);
    }

    [Fact]
    public void Bad_sizes_and_in_place_use_are_refused()
    {
        var a = new float[6];
        Assert.Throws<ArgumentException>(() => DenseMatrix.Transpose<float>(a, 2, 4, new float[8]));
        Assert.Throws<ArgumentException>(() => DenseMatrix.Transpose<float>(a, 2, 3, a));
    }
}
