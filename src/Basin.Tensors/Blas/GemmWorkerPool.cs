using System.Diagnostics;

namespace Basin.Tensors.Blas;

/// <summary>A unit of parallel work: part <c>i</c> of <c>parts</c>, each part independent of the others.</summary>
internal interface IGemmWork
{
    void Execute(int part);
}

/// <summary>
/// A small persistent pool for GEMM: ProcessorCount − 1 background workers; the calling thread runs part 0.
/// Workers spin briefly after each job (back-to-back GEMMs then start in about a microsecond) and then sleep on a
/// semaphore. One job at a time: a caller that finds the pool busy runs its GEMM on its own thread instead,
/// which gives the same result because the partition never changes the arithmetic.
/// </summary>
internal sealed class GemmWorkerPool
{
    private const int Idle = 0, Sleeping = 1, Ready = 2;
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private static readonly Lazy<GemmWorkerPool> s_shared = new(() => new GemmWorkerPool(Environment.ProcessorCount - 1));

    private readonly Worker[] _workers;
    private int _busy;
    private int _pending;
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

    /// <summary>Runs parts 0..parts−1 (parts ≤ <see cref="Capacity"/>) and returns when all are done; then releases the pool.</summary>
    public void RunAndRelease(IGemmWork work, int parts)
    {
        try
        {
            _work = work;
            _error = null;
            Volatile.Write(ref _pending, parts - 1);
            for (int i = 0; i < parts - 1; i++) _workers[i].Start();
            try
            {
                work.Execute(0);
            }
            finally
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
                _work = null;
            }
            if (_error is { } e) throw new AggregateException("A GEMM worker failed.", e);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private sealed class Worker
    {
        private readonly GemmWorkerPool _pool;
        private readonly int _part;
        private readonly SemaphoreSlim _wake = new(0);
        private int _state;

        public Worker(GemmWorkerPool pool, int part)
        {
            _pool = pool;
            _part = part;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Basin GEMM worker {part}" };
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
                try
                {
                    _pool._work!.Execute(_part);
                }
                catch (Exception e)
                {
                    _pool._error = e;
                }
                Interlocked.Decrement(ref _pool._pending);
            }
        }
    }
}
