using System.Numerics;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// Splits one GEMM over threads and runs it. Usually (m at least a few tiles per thread, k not huge) C is cut into
/// row chunks × column blocks that the threads take from a shared counter, so a thread slowed by other load simply
/// takes fewer; otherwise C is cut statically into one band of whole tiles per thread (rows, or columns when m is short).
/// Every element of C is written by exactly one thread, with the same arithmetic as the single-threaded schedule.
/// </summary>
internal sealed unsafe class GemmRunner<T, TK> : IGemmWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : IMicroKernel<T>
{
    /// <summary>Below this many multiply-adds per thread, extra threads cost more than they save.</summary>
    private const long MinWorkPerThread = 1L << 20;

    /// <summary>Row chunks per thread in the dynamic schedule (load balance vs. per-chunk overhead).</summary>
    private const int ChunksPerThread = 4;

    private static readonly GemmRunner<T, TK> s_instance = new();

    private GemmProblem<T> _problem;
    private int _parts;
    private bool _splitM;
    private int _chunkRows, _ncBlock;
    private int _nextTask;

    /// <summary>Runs <paramref name="pr"/> (m, n, k ≥ 1, α ≠ 0) on up to <paramref name="maxThreads"/> threads.</summary>
    public static void Run(in GemmProblem<T> pr, int maxThreads)
    {
        long work = (long)pr.M * pr.N * pr.K;
        int tilesM = (pr.M + TK.MR - 1) / TK.MR;
        int tilesN = (pr.N + TK.NR - 1) / TK.NR;
        var pool = maxThreads > 1 ? GemmWorkerPool.Shared : null;
        int threads = pool is null ? 1 : (int)Math.Clamp(work / MinWorkPerThread, 1, Math.Min(maxThreads, pool.Capacity));
        bool splitM = tilesM >= 2 * threads || tilesM >= tilesN;
        threads = Math.Min(threads, splitM ? tilesM : tilesN);

        if (threads > 1 && pool!.TryAcquire())
        {
            var runner = s_instance;
            runner._problem = pr;
            runner._parts = threads;
            runner._splitM = splitM;
            runner._ncBlock = splitM ? GemmDriver<T, TK>.DynamicColumns(pr.N, pr.K) : 0;
            int chunkTiles = Math.Clamp((tilesM + threads * ChunksPerThread - 1) / (threads * ChunksPerThread), 1, TK.MC / TK.MR);
            runner._chunkRows = chunkTiles * TK.MR;
            runner._nextTask = 0;
            pool.RunAndRelease(runner, threads);
            return;
        }
        GemmDriver<T, TK>.Compute(pr, 0, pr.M, 0, pr.N);
    }

    public void Execute(int part)
    {
        ref readonly var pr = ref _problem;
        if (_ncBlock > 0)
        {
            GemmDriver<T, TK>.ComputeDynamic(pr, ref _nextTask, _chunkRows, _ncBlock);
        }
        else if (_splitM)
        {
            int tiles = (pr.M + TK.MR - 1) / TK.MR;
            int t0 = (int)((long)tiles * part / _parts), t1 = (int)((long)tiles * (part + 1) / _parts);
            GemmDriver<T, TK>.Compute(pr, t0 * TK.MR, Math.Min(pr.M, t1 * TK.MR), 0, pr.N);
        }
        else
        {
            int tiles = (pr.N + TK.NR - 1) / TK.NR;
            int t0 = (int)((long)tiles * part / _parts), t1 = (int)((long)tiles * (part + 1) / _parts);
            GemmDriver<T, TK>.Compute(pr, 0, pr.M, t0 * TK.NR, Math.Min(pr.N, t1 * TK.NR));
        }
    }
}
