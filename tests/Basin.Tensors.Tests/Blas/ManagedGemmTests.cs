using Basin.Tensors.Blas;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Tests.Blas;

/// <summary>Properties specific to the managed provider: determinism across thread counts and partitions, no steady-state allocation.</summary>
public sealed class ManagedGemmTests
{
    public static IEnumerable<object[]> Kernels() =>
        new[] { GemmKernel.Avx512, GemmKernel.Avx2, GemmKernel.Scalar }.Where(ManagedGemm.IsSupported).Select(k => new object[] { k });

    /// <summary>Shapes that take each schedule: dynamic row chunks, static column bands (short m), static row bands (deep k).</summary>
    public static IEnumerable<object[]> KernelsAndShapes() =>
        from kernel in Kernels()
        from shape in new[] { (150, 260, 300), (5, 700, 400), (40, 40, 4500) }
        select new object[] { kernel[0], shape.Item1, shape.Item2, shape.Item3 };

    [Theory]
    [MemberData(nameof(KernelsAndShapes))]
    public void ThreadCountDoesNotChangeBits(GemmKernel kernel, int m, int n, int k)
    {
        foreach (var (tA, tB) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var rng = new Random(5);
            float[] a = Random(m * k, rng), b = Random(k * n, rng), c0 = Random(m * n, rng);
            double[] ad = Array.ConvertAll(a, x => (double)x), bd = Array.ConvertAll(b, x => (double)x), c0d = Array.ConvertAll(c0, x => (double)x);
            var one = new ManagedGemm(kernel) { MaxThreads = 1 };
            var two = new ManagedGemm(kernel) { MaxThreads = 2 };
            float[] c1 = (float[])c0.Clone(), c2 = (float[])c0.Clone();
            one.Gemm(tA, tB, m, n, k, 0.7f, a, tA ? m : k, b, tB ? k : n, 0.3f, c1, n);
            two.Gemm(tA, tB, m, n, k, 0.7f, a, tA ? m : k, b, tB ? k : n, 0.3f, c2, n);
            Assert.Equal(c1, c2);
            double[] d1 = (double[])c0d.Clone(), d2 = (double[])c0d.Clone();
            one.Gemm(tA, tB, m, n, k, 0.7, ad, tA ? m : k, bd, tB ? k : n, 0.3, d1, n);
            two.Gemm(tA, tB, m, n, k, 0.7, ad, tA ? m : k, bd, tB ? k : n, 0.3, d2, n);
            Assert.Equal(d1, d2);
        }
    }

    /// <summary>Any split of C into tile-aligned rectangles (what the threads compute) gives the same bits as one rectangle.</summary>
    [Fact]
    public unsafe void PartitionDoesNotChangeBits()
    {
        const int m = 130, n = 200, k = 300;
        var rng = new Random(9);
        float[] a = Random(m * k, rng), b = Random(k * n, rng);
        float[] whole = Random(m * n, rng), split = (float[])whole.Clone();
        fixed (float* pa = a, pb = b, pw = whole, ps = split)
        {
            var w = new GemmProblem<float>(false, false, m, n, k, -1.5f, pa, k, pb, n, 0.25f, pw, n);
            var s = new GemmProblem<float>(false, false, m, n, k, -1.5f, pa, k, pb, n, 0.25f, ps, n);
            GemmDriver<float, Avx2KernelF32>.Compute(w, 0, m, 0, n);
            GemmDriver<float, Avx2KernelF32>.Compute(s, 0, 6 * 7, 0, 16 * 3);
            GemmDriver<float, Avx2KernelF32>.Compute(s, 0, 6 * 7, 16 * 3, n);
            GemmDriver<float, Avx2KernelF32>.Compute(s, 6 * 7, m, 0, 16 * 11);
            GemmDriver<float, Avx2KernelF32>.Compute(s, 6 * 7, m, 16 * 11, n);
        }
        Assert.Equal(whole, split);
    }

    /// <summary>Three threads sharing one task counter (the dynamic schedule) give the same bits as one thread alone.</summary>
    [Fact]
    public unsafe void DynamicScheduleMatchesStatic()
    {
        const int m = 200, n = 150, k = 600;
        var rng = new Random(11);
        float[] a = Random(m * k, rng), b = Random(k * n, rng);
        float[] whole = Random(m * n, rng), shared = (float[])whole.Clone();
        fixed (float* pa = a, pb = b, pw = whole, ps = shared)
        {
            var w = new GemmProblem<float>(true, false, m, n, k, 0.5f, pa, m, pb, n, -2f, pw, n);
            var s = new GemmProblem<float>(true, false, m, n, k, 0.5f, pa, m, pb, n, -2f, ps, n);
            GemmDriver<float, Avx2KernelF32>.Compute(w, 0, m, 0, n);
            int next = 0;
            nint sp = (nint)(&s), np = (nint)(&next);
            Parallel.Invoke(Enumerable.Repeat<Action>(
                () => GemmDriver<float, Avx2KernelF32>.ComputeDynamic(*(GemmProblem<float>*)sp, ref *(int*)np, 18, 64), 3).ToArray());
        }
        Assert.Equal(whole, shared);
    }

    [Fact]
    public void SteadyStateCallsDoNotAllocate()
    {
        var gemm = new ManagedGemm { MaxThreads = 2 };
        float[] a = new float[300 * 200], b = new float[200 * 250], c = new float[300 * 250];
        double[] ad = new double[a.Length], bd = new double[b.Length], cd = new double[c.Length];
        void Calls()
        {
            gemm.Gemm(false, true, 300, 250, 200, 1f, a, 200, b, 200, 0f, c, 250);
            gemm.Gemm(false, false, 300, 250, 200, 1.0, ad, 200, bd, 250, 0.5, cd, 250);
        }
        for (int i = 0; i < 3; i++) Calls();
        // Tests in other classes run GEMMs and collect garbage concurrently. A collection between the two readings retires
        // this thread's allocation context and adds its unused rest (up to 8 KiB) to the count without any allocation, and a
        // GEMM of theirs holding the shared pool sends these calls down the one-thread path, whose workspace grows once. So
        // take the fewest bytes over a few attempts: a steady-state allocation would show in every one of them.
        Assert.Equal(0, FewestAllocatedBytes(Calls));
    }

    [Fact]
    public void TheOneThreadFallbackDoesNotAllocateOnceWarm()
    {
        // Taken when another GEMM holds the shared pool: this test holds it itself, on a thread of its own.
        var gemm = new ManagedGemm { MaxThreads = 2 };
        float[] a = new float[300 * 200], b = new float[200 * 250], c = new float[300 * 250];
        long grown = -1, steady = -1;
        var thread = new Thread(() =>
        {
            var pool = GemmWorkerPool.Shared;
            while (!pool.TryAcquire()) Thread.Yield();
            try
            {
                long t0 = GC.GetAllocatedBytesForCurrentThread();
                gemm.Gemm(false, true, 300, 250, 200, 1f, a, 200, b, 200, 0f, c, 250);
                grown = GC.GetAllocatedBytesForCurrentThread() - t0;
                steady = FewestAllocatedBytes(() => gemm.Gemm(false, true, 300, 250, 200, 1f, a, 200, b, 200, 0f, c, 250));
            }
            finally { pool.RunAndRelease(new NoWork(), 0); }
        });
        thread.Start();
        thread.Join();
        Assert.True(grown > 0);            // this new thread's workspace: the fallback really ran here
        Assert.Equal(0, steady);
    }

    private sealed class NoWork : IGemmWork { public void Execute() { } }

    /// <summary>The fewest bytes this thread allocated in up to five runs of <paramref name="calls"/> (stops at 0).</summary>
    private static long FewestAllocatedBytes(Action calls)
    {
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 5 && fewest != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            calls();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }

    [Fact]
    public void UnsupportedKernelLevelsThrow()
    {
        foreach (var kernel in new[] { GemmKernel.Avx512, GemmKernel.Avx2 }.Where(k => !ManagedGemm.IsSupported(k)))
            Assert.Throws<NotSupportedException>(() => new ManagedGemm(kernel));
        Assert.NotEqual(GemmKernel.Auto, new ManagedGemm().Kernel);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManagedGemm { MaxThreads = 0 });
    }

    private static float[] Random(int length, Random rng)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
