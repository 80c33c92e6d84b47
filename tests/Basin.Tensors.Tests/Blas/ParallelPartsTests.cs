using Basin.Tensors.Blas;
using Xunit;

namespace Basin.Tensors.Tests.Blas;

public class ParallelPartsTests
{
    private sealed class Recorder(int count) : IParallelPart
    {
        public readonly int[] Runs = new int[count];
        public readonly int[] Threads = new int[count];
        public Action<int>? Inner;

        public void Run(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            Threads[part] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(20_000);   // long enough for a worker to join in
            Inner?.Invoke(part);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Every_part_runs_exactly_once(int count)
    {
        var r = new Recorder(count);
        ParallelParts.Run(count, r);
        Assert.All(r.Runs, v => Assert.Equal(1, v));
    }

    [Fact]
    public void No_parts_is_a_no_op_and_a_null_body_is_rejected()
    {
        ParallelParts.Run(0, new Recorder(1));
        Assert.Throws<ArgumentNullException>(() => ParallelParts.Run(2, null!));
    }

    /// <summary>A part that itself splits work (or runs a GEMM) while the pool is held must not deadlock: the inner job runs
    /// on the part's own thread.</summary>
    [Fact]
    public void Nested_runs_complete_on_the_calling_part()
    {
        var outer = new Recorder(4);
        var inner = new Recorder[4];
        for (int i = 0; i < 4; i++) inner[i] = new Recorder(3);
        outer.Inner = p => ParallelParts.Run(3, inner[p]);
        ParallelParts.Run(4, outer);
        Assert.All(outer.Runs, v => Assert.Equal(1, v));
        for (int p = 0; p < 4; p++) Assert.All(inner[p].Runs, v => Assert.Equal(1, v));
    }

    [Fact]
    public void A_failing_part_surfaces_its_exception_and_the_pool_stays_usable()
    {
        var failing = new Recorder(6) { Inner = p => { if (p % 2 == 1) throw new InvalidOperationException($"part {p}"); } };
        var e = Assert.ThrowsAny<Exception>(() => ParallelParts.Run(6, failing));
        Assert.True(e is InvalidOperationException || e.InnerException is InvalidOperationException, e.ToString());
        var ok = new Recorder(5);
        ParallelParts.Run(5, ok);
        Assert.All(ok.Runs, v => Assert.Equal(1, v));
    }

    [Fact]
    public void Parallelism_follows_the_managed_gemm_thread_limit()
    {
        Assert.InRange(ParallelParts.Parallelism, 1, Environment.ProcessorCount);
        if (Basin.Tensors.Blas.Blas.Default is not ManagedGemm mg) return;
        int saved = mg.MaxThreads;
        try
        {
            mg.MaxThreads = 1;
            Assert.Equal(1, ParallelParts.Parallelism);
        }
        finally { mg.MaxThreads = saved; }
    }
}
