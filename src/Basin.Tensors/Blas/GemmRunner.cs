using System.Numerics;
using Basin.Tensors.Blas.Kernels;

namespace Basin.Tensors.Blas;

/// <summary>
/// Splits one GEMM into tasks for the caller and the pool's workers. Usually C is cut into row chunks × column blocks
/// (or, when m is short, one row chunk × narrow column chunks) that threads claim from a counter, so a thread slowed by
/// other load simply takes fewer. When k is too deep to pack op(B) for all of k, C is cut into one band of whole tiles per
/// thread instead (rows, or columns when m is short). Either way every element of C is written by exactly one thread, with
/// the same arithmetic as the single-threaded schedule.
/// </summary>
internal sealed unsafe class GemmRunner<T, TK> : IGemmWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : IMicroKernel<T>
{
    /// <summary>Below this many multiply-adds per thread, extra threads cost more than they save.</summary>
    private const long MinWorkPerThread = 1L << 20;

    /// <summary>Tasks per thread in the dynamic schedule (load balance vs. per-task overhead).</summary>
    private const int ChunksPerThread = 4;

    /// <summary>Fewest row tiles per row chunk for which the row-chunk schedule is chosen over column chunks (short m).</summary>
    private const int MinRowTilesPerChunk = 8;

    private static readonly GemmRunner<T, TK> s_instance = new();

    private GemmProblem<T> _problem;
    private int _bands;
    private bool _bandsOfRows;
    private int _chunkRows, _ncBlock;
    private int _nextTask;
    private T* _prepackedB;

    /// <summary>Runs <paramref name="pr"/> (m, n, k ≥ 1, α ≠ 0) on up to <paramref name="maxThreads"/> threads.</summary>
    public static void Run(in GemmProblem<T> pr, int maxThreads)
    {
        var (threads, tilesM, tilesN, byRows, pool) = Schedule(pr, maxThreads);
        if (threads > 1 && pool!.TryAcquire())
        {
            var runner = s_instance;
            runner.Plan(pr, threads, tilesM, tilesN, byRows);
            pool.RunAndRelease(runner, threads - 1);
            return;
        }
        GemmDriver<T, TK>.Compute(pr, 0, pr.M, 0, pr.N);
    }

    /// <summary>
    /// Runs <paramref name="pr"/> (m, n, k ≥ 1, α ≠ 0) with op(B) already packed at <paramref name="prepackedB"/> (the layout of
    /// <see cref="PackedMatrix{T}"/>) on up to <paramref name="maxThreads"/> threads: always the dynamic schedule, with the
    /// same row-chunk/column-chunk choice as <see cref="Run"/> but no budget on column blocks, since nothing is packed per block.
    /// </summary>
    public static void RunPrepacked(in GemmProblem<T> pr, T* prepackedB, int maxThreads)
    {
        var (threads, tilesM, tilesN, byRows, pool) = Schedule(pr, maxThreads);
        var (chunkRows, ncBlock) = PrepackedChunks(tilesM, tilesN, threads * ChunksPerThread, byRows);
        if (threads > 1 && pool!.TryAcquire())
        {
            var runner = s_instance;
            runner._problem = pr;
            runner._nextTask = 0;
            runner._chunkRows = chunkRows;
            runner._ncBlock = ncBlock;
            runner._bands = threads;
            runner._bandsOfRows = byRows;
            runner._prepackedB = prepackedB;
            pool.RunAndRelease(runner, threads - 1);
            return;
        }
        int next = 0;
        GemmDriver<T, TK>.ComputeDynamic(pr, ref next, chunkRows, ncBlock, prepackedB);
    }

    /// <summary>How many threads <paramref name="pr"/> gets, and whether C is cut into row chunks or (short m) column chunks.</summary>
    private static (int Threads, int TilesM, int TilesN, bool ByRows, GemmWorkerPool? Pool) Schedule(in GemmProblem<T> pr, int maxThreads)
    {
        long work = (long)pr.M * pr.N * pr.K;
        int tilesM = (pr.M + TK.MR - 1) / TK.MR;
        int tilesN = (pr.N + TK.NR - 1) / TK.NR;
        var pool = maxThreads > 1 ? GemmWorkerPool.Shared : null;
        int threads = pool is null ? 1 : (int)Math.Clamp(work / MinWorkPerThread, 1, Math.Min(maxThreads, pool.Capacity));
        // Row chunks share nothing but op(B): each thread streams its whole packed op(B) once per chunk, so a B micro-panel is
        // reused only as many times as a chunk has row tiles. Below MinRowTilesPerChunk of them (e.g. m = 250 on two
        // threads: chunks of 3 tiles) column chunks over all rows do better — each B micro-panel then serves every row tile
        // and a thread's column block stays in its L2 (measured on the Intel AVX-512 VM: +15–20 % at 250×784×784).
        bool byRows = tilesM >= tilesN || tilesM >= MinRowTilesPerChunk * threads * ChunksPerThread;
        return (Math.Min(threads, byRows ? tilesM : tilesN), tilesM, tilesN, byRows, pool);
    }

    private static (int ChunkRows, int NcBlock) PrepackedChunks(int tilesM, int tilesN, int chunks, bool byRows) => byRows
        ? (Math.Clamp((tilesM + chunks - 1) / chunks, 1, TK.MC / TK.MR) * TK.MR, Math.Min(TK.NC, tilesN * TK.NR))
        : (Math.Min(tilesM * TK.MR, TK.MC / TK.MR * TK.MR), Math.Max(1, (tilesN + chunks - 1) / chunks) * TK.NR);

    private void Plan(in GemmProblem<T> pr, int threads, int tilesM, int tilesN, bool byRows)
    {
        _problem = pr;
        _nextTask = 0;
        _prepackedB = null;
        int chunks = threads * ChunksPerThread;
        if (byRows)
        {
            _chunkRows = Math.Clamp((tilesM + chunks - 1) / chunks, 1, TK.MC / TK.MR) * TK.MR;
            _ncBlock = GemmDriver<T, TK>.DynamicColumns(pr.K, 256, Math.Min(TK.NC, tilesN * TK.NR));
        }
        else
        {
            _chunkRows = Math.Min(tilesM * TK.MR, TK.MC / TK.MR * TK.MR);
            int chunkCols = Math.Max(1, (tilesN + chunks - 1) / chunks) * TK.NR;
            // op(A) is packed once per thread for all of k here: same budget as op(B), given in columns of width k.
            int aColumns = GemmDriver<T, TK>.DynamicColumns(pr.K, _chunkRows, int.MaxValue);
            _ncBlock = aColumns == 0 ? 0 : GemmDriver<T, TK>.DynamicColumns(pr.K, chunkCols, chunkCols);
        }
        _bands = threads;
        _bandsOfRows = byRows;
    }

    public void Execute()
    {
        ref readonly var pr = ref _problem;
        if (_ncBlock > 0)
        {
            GemmDriver<T, TK>.ComputeDynamic(pr, ref _nextTask, _chunkRows, _ncBlock, _prepackedB);
            return;
        }
        int band;
        while ((band = Interlocked.Increment(ref _nextTask) - 1) < _bands)
        {
            int unit = _bandsOfRows ? TK.MR : TK.NR, extent = _bandsOfRows ? pr.M : pr.N;
            int tiles = (extent + unit - 1) / unit;
            int t0 = (int)((long)tiles * band / _bands), t1 = (int)((long)tiles * (band + 1) / _bands);
            int lo = t0 * unit, hi = Math.Min(extent, t1 * unit);
            if (_bandsOfRows) GemmDriver<T, TK>.Compute(pr, lo, hi, 0, pr.N);
            else GemmDriver<T, TK>.Compute(pr, 0, pr.M, lo, hi);
        }
    }
}
