using System.Numerics;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// Splits one GEMM over threads and runs it. C is cut into contiguous bands of whole MR-row tiles (or NR-column
/// tiles when m is too short), one band per thread, so every element of C is written by exactly one thread.
/// Each thread packs the operands it needs into its own workspace.
/// </summary>
internal sealed unsafe class GemmRunner<T, TK> : IGemmWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : IMicroKernel<T>
{
    /// <summary>Below this many multiply-adds per thread, extra threads cost more than they save.</summary>
    private const long MinWorkPerThread = 1L << 20;

    private static readonly GemmRunner<T, TK> s_instance = new();

    private GemmProblem<T> _problem;
    private bool _splitM;
    private int _parts;

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
            runner._splitM = splitM;
            runner._parts = threads;
            pool.RunAndRelease(runner, threads);
            return;
        }
        GemmDriver<T, TK>.Compute(pr, 0, pr.M, 0, pr.N);
    }

    public void Execute(int part)
    {
        ref readonly var pr = ref _problem;
        if (_splitM)
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
