using Basin.Tensors.Blas;

namespace Basin.Tensors.Tests.Blas;

public sealed class BlasTests
{
    [Fact]
    public void ProvidersAreFoundByName()
    {
        Assert.Same(Basin.Tensors.Blas.Blas.Managed, Basin.Tensors.Blas.Blas.FromName(null));
        Assert.Same(Basin.Tensors.Blas.Blas.Managed, Basin.Tensors.Blas.Blas.FromName(" Managed "));
        Assert.Contains(Basin.Tensors.Blas.Blas.Managed, Basin.Tensors.Blas.Blas.Available);
        var ex = Assert.Throws<InvalidOperationException>(() => Basin.Tensors.Blas.Blas.FromName("mkl"));
        Assert.Contains("BASIN_BLAS", ex.Message);
        if (Basin.Tensors.Blas.Blas.OpenBlas is { } o)
        {
            Assert.Same(o, Basin.Tensors.Blas.Blas.FromName("openblas"));
            Assert.Equal(2, Basin.Tensors.Blas.Blas.Available.Count);
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => Basin.Tensors.Blas.Blas.FromName("openblas"));
        }
    }

    [Fact]
    public void OpenBlasAbsenceIsReportedNotThrown()
    {
        bool found = OpenBlasGemm.TryCreate(out var p, out string reason);
        Assert.Equal(found, p is not null);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void ConvenienceMethodsValidateAndForward()
    {
        float[] a = [1, 2, 3, 4, 5, 6], b = [1, 0, 0, 1, 1, 1], c = new float[4];
        Basin.Tensors.Blas.Blas.MatMul(2, 2, 3, a, b, c);
        Assert.Equal([4f, 5, 10, 11], c);
        double[] cd = [1, 1, 1, 1];
        Basin.Tensors.Blas.Blas.Gemm(false, false, 2, 2, 3, 2.0, [1.0, 2, 3, 4, 5, 6], 3, [1.0, 0, 0, 1, 1, 1], 2, -1.0, cd, 2);
        Assert.Equal([7.0, 9, 19, 21], cd);
        var ex = Assert.ThrowsAny<ArgumentException>(() => Basin.Tensors.Blas.Blas.MatMul(2, 2, 3, a, b, new float[3]));
        Assert.Equal("c", ex.ParamName);
        Assert.Contains("needs at least 4", ex.Message);
    }

    [Fact]
    public void BenchmarkAndPeakReportPositiveRates()
    {
        var r = GemmBenchmark.Measure(Basin.Tensors.Blas.Blas.Managed, GemmPrecision.F64, 64, 48, 32, TimeSpan.FromMilliseconds(10), threads: 1);
        Assert.True(r.BestGflops > 0 && r.MedianGflops > 0 && r.BestGflops >= r.MedianGflops);
        Assert.Equal(2.0 * 64 * 48 * 32, r.Flops);
        Assert.Equal(Environment.ProcessorCount, Basin.Tensors.Blas.Blas.Managed.MaxThreads);
        var peak = PeakEstimator.MeasureFmaPeak(1, TimeSpan.FromMilliseconds(20));
        Assert.True(peak.Gflops > 0);
    }
}
