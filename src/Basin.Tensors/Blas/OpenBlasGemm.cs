using System.Runtime.InteropServices;

namespace Basin.Tensors.Blas;

/// <summary>
/// GEMM through a system OpenBLAS (<c>cblas_sgemm</c> / <c>cblas_dgemm</c>, row-major), found at run time.
/// Optional: when the library is absent, <see cref="TryCreate"/> returns false with the reason, never throws.
/// </summary>
public sealed unsafe class OpenBlasGemm : IGemmProvider, IGemmThreading
{
    private const int CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112;

    /// <summary>File names and paths tried in order.</summary>
    public static IReadOnlyList<string> SearchPaths { get; } =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib64/libopenblas.so.0",
        "libopenblas.so",
        "libopenblas.dylib",
        "libopenblas.dll",
    ];

    private static readonly object s_gate = new();
    private static OpenBlasGemm? s_instance;
    private static string? s_failure;

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemm;
    private readonly delegate* unmanaged<int, void> _setThreads;
    private readonly int _defaultThreads;
    private int _maxThreads;

    private OpenBlasGemm(string path, nint handle)
    {
        LibraryPath = path;
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_sgemm");
        _dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_dgemm");
        if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint set)) _setThreads = (delegate* unmanaged<int, void>)set;
        _defaultThreads = NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out nint get)
            ? Math.Max(1, ((delegate* unmanaged<int>)get)())
            : Environment.ProcessorCount;
        _maxThreads = _defaultThreads;
        Config = NativeLibrary.TryGetExport(handle, "openblas_get_config", out nint cfg)
            ? Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)cfg)()) ?? ""
            : "";
    }

    /// <summary>The library file that was loaded.</summary>
    public string LibraryPath { get; }

    /// <summary>OpenBLAS's own build description (<c>openblas_get_config</c>), empty when not exported.</summary>
    public string Config { get; }

    /// <inheritdoc />
    public string Name => "openblas";

    /// <inheritdoc />
    public override string ToString() => CoreTypeSetByBasin is { } core ? $"openblas ({Config}; OPENBLAS_CORETYPE={core} set by Basin)" : $"openblas ({Config})";

    /// <summary>
    /// Threads OpenBLAS may use (<c>openblas_set_num_threads</c>, a process-wide setting of the library).
    /// Without that export the value is recorded but has no effect.
    /// </summary>
    public int MaxThreads
    {
        get => _maxThreads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be ≥ 1.");
            _maxThreads = value;
            if (_setThreads != null) _setThreads(value);
        }
    }

    /// <summary>
    /// Loads OpenBLAS once per process. Returns false, with <paramref name="reason"/> saying what was tried,
    /// when no usable library is present.
    /// </summary>
    public static bool TryCreate(out OpenBlasGemm? provider, out string reason)
    {
        lock (s_gate)
        {
            if (s_instance is null && s_failure is null) Load();
            provider = s_instance;
            reason = s_failure ?? $"loaded {s_instance!.LibraryPath}";
            return provider is not null;
        }
    }

    /// <summary>
    /// The OpenBLAS kernel family Basin asks for on this CPU through <c>OPENBLAS_CORETYPE</c> when that variable is unset:
    /// "SkylakeX" where AVX-512 F/BW/DQ/VL are present, otherwise null (OpenBLAS's own detection). Debian's OpenBLAS 0.3.21
    /// does not recognise newer Xeons (e.g. family 6 model 207) and falls back to its SSE3 "Prescott" kernels, which run
    /// about five times slower than its AVX-512 ones — too weak a yardstick for Basin's GEMM and for PyTorch on OpenBLAS.
    /// </summary>
    public static string? PreferredCoreType =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.Avx512BW.IsSupported &&
        System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported && System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported
            ? "SkylakeX" : null;

    /// <summary>The <c>OPENBLAS_CORETYPE</c> Basin set before loading the library (null when it set none).</summary>
    public static string? CoreTypeSetByBasin { get; private set; }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    private static void Load()
    {
        // OpenBLAS reads OPENBLAS_CORETYPE when it is loaded, from the native environment (which .NET's
        // Environment.SetEnvironmentVariable does not change on Unix), so it is set through libc; a user's value wins.
        if (PreferredCoreType is { } core && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")) && !OperatingSystem.IsWindows())
        {
            try { if (SetEnv("OPENBLAS_CORETYPE", core, 0) == 0) { CoreTypeSetByBasin = core; Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", core); } }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        foreach (string path in SearchPaths)
        {
            if (!NativeLibrary.TryLoad(path, out nint handle)) continue;
            if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out _) && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out _))
            {
                s_instance = new OpenBlasGemm(path, handle);
                return;
            }
            NativeLibrary.Free(handle);
        }
        s_failure = "OpenBLAS not found (tried " + string.Join(", ", SearchPaths) + "); on Debian/Ubuntu install the libopenblas0 package.";
    }

    /// <inheritdoc />
    public void Gemm(bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var pr = new GemmProblem<float>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (ManagedGemm.HandleDegenerate(pr)) return;
            _sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <inheritdoc />
    public void Gemm(bool transA, bool transB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        GemmValidation.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (double* pa = a, pb = b, pc = c)
        {
            var pr = new GemmProblem<double>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (ManagedGemm.HandleDegenerate(pr)) return;
            _dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }
}
