namespace Basin.Tensors.Blas;

/// <summary>One part of a job split by <see cref="ParallelParts.Run"/>; parts must be independent of each other.</summary>
public interface IParallelPart
{
    /// <summary>Runs part <paramref name="part"/> (0 ≤ part &lt; the count given to <see cref="ParallelParts.Run"/>).</summary>
    void Run(int part);
}

/// <summary>
/// Runs the independent parts of one job on the managed GEMM's persistent worker threads (the calling thread takes parts
/// too), so that a batch can be cut into row blocks that each run their own GEMM and element-wise passes with no hand-over
/// between them. A GEMM issued inside a part runs on its part's thread alone (the pool is busy), and the managed GEMM's
/// results do not depend on how rows are split, so a job whose parts write disjoint rows gives the same bits whether its
/// parts run in parallel or in turn. When the pool is busy (nested or concurrent use), the parts run in turn on the caller.
/// </summary>
public static class ParallelParts
{
    private static readonly PartRunner s_runner = new();

    /// <summary>
    /// How many parts it pays to cut a job into: the managed GEMM's thread limit (<see cref="ManagedGemm.MaxThreads"/>),
    /// at most the pool's threads; 1 when the default provider is not the managed GEMM (a native BLAS runs its own threads,
    /// and calling it from several threads at once would oversubscribe the cores).
    /// </summary>
    public static int Parallelism => Blas.Default is ManagedGemm mg ? Math.Max(1, Math.Min(mg.MaxThreads, GemmWorkerPool.Shared.Capacity)) : 1;

    /// <summary>Runs parts 0 … <paramref name="count"/> − 1 of <paramref name="body"/>, in parallel where the pool is free.</summary>
    /// <exception cref="AggregateException">A part failed on a worker thread.</exception>
    public static void Run(int count, IParallelPart body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count <= 0) return;
        var pool = count > 1 ? GemmWorkerPool.Shared : null;
        if (pool is null || pool.Capacity < 2 || !pool.TryAcquire())
        {
            for (int p = 0; p < count; p++) body.Run(p);
            return;
        }
        var runner = s_runner;   // safe to share: only the holder of the acquired pool uses it
        runner.Body = body;
        runner.Count = count;
        runner.Next = 0;
        pool.RunAndRelease(runner, Math.Min(count, pool.Capacity) - 1);
    }

    private sealed class PartRunner : IGemmWork
    {
        public IParallelPart? Body;
        public int Count;
        public int Next;

        public void Execute()
        {
            var body = Body!;
            int p;
            while ((p = Interlocked.Increment(ref Next) - 1) < Count) body.Run(p);
        }
    }
}
