using System.Diagnostics;

namespace Basin.Tensors.Blas;

/// <summary>
/// Parallel work made of tasks that threads claim from a shared counter: <see cref="Execute"/> claims and runs tasks until
/// none are left, so any number of threads (the caller alone included) can complete it.
/// </summary>
internal interface IGemmWork
{
    void Execute();
}

/// <summary>
/// A small persistent pool for GEMM: ProcessorCount − 1 background workers that help the calling thread.
/// The caller opens a job, wakes the workers and runs tasks itself; when no tasks are left it closes the job and waits only
/// for workers that are inside it. A worker that wakes late (preempted on a busy machine) finds the job closed and goes back
/// to waiting, so it never delays the caller. Workers spin about 200 µs after each job, so back-to-back GEMMs start in about a
/// microsecond, then sleep on a semaphore. One job at a time: a caller that finds the pool busy runs its GEMM alone,
/// which gives the same result because the schedule never changes the arithmetic.
/// </summary>
internal sealed class GemmWorkerPool
{
    private const int Idle = 0, Sleeping = 1, Ready = 2;
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    private static readonly Lazy<GemmWorkerPool> s_shared = new(() => new GemmWorkerPool(Environment.ProcessorCount - 1));

    private readonly Worker[] _workers;
    private int _busy;
    private int _open;
    private int _active;
    private IGemmWork? _work;
    private Exception? _error;

    /// <summary>The process-wide pool.</summary>
    public static GemmWorkerPool Shared => s_shared.Value;

    /// <summary>Threads a job can use, the caller included.</summary>
    public int Capacity => _workers.Length + 1;

    private GemmWorkerPool(int workers)
    {
        _workers = new Worker[Math.Max(0, workers)];
        for (int i = 0; i < _workers.Length; i++) _workers[i] = new Worker(this, i + 1);
    }

    /// <summary>Claims the pool; false when another job holds it.</summary>
    public bool TryAcquire() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>
    /// Runs <paramref name="work"/> on the caller and up to <paramref name="helpers"/> workers, returns when every task is done,
    /// and releases the pool.
    /// </summary>
    public void RunAndRelease(IGemmWork work, int helpers)
    {
        try
        {
            _error = null;
            _work = work;
            Volatile.Write(ref _open, 1);
            for (int i = 0; i < Math.Min(helpers, _workers.Length); i++) _workers[i].Start();
            try
            {
                work.Execute();
            }
            finally
            {
                Interlocked.Exchange(ref _open, 0);
                var spin = new SpinWait();
                while (Volatile.Read(ref _active) != 0) spin.SpinOnce(sleep1Threshold: -1);
                _work = null;
            }
            if (_error is { } e) throw new AggregateException("A GEMM worker failed.", e);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Joins the open job, if any; the caller cannot finish closing it while a worker is inside.</summary>
    private void Help()
    {
        Interlocked.Increment(ref _active);
        try
        {
            if (Volatile.Read(ref _open) == 1) _work!.Execute();
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private sealed class Worker
    {
        private readonly GemmWorkerPool _pool;
        private readonly SemaphoreSlim _wake = new(0);
        private int _state;

        public Worker(GemmWorkerPool pool, int index)
        {
            _pool = pool;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Basin GEMM worker {index}" };
            thread.Start();
        }

        public void Start()
        {
            if (Interlocked.Exchange(ref _state, Ready) == Sleeping) _wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                while (Volatile.Read(ref _state) != Ready)
                {
                    if (Stopwatch.GetTimestamp() - start > SpinTicks)
                    {
                        if (Interlocked.CompareExchange(ref _state, Sleeping, Idle) == Idle) _wake.Wait();
                        break;
                    }
                    Thread.SpinWait(16);
                }
                if (Volatile.Read(ref _state) != Ready) continue;
                Volatile.Write(ref _state, Idle);
                _pool.Help();
            }
        }
    }
}
