namespace Basin.Tensors.Blas;

/// <summary>
/// Per-thread packing memory: one pinned, 64-byte-aligned buffer that only grows, so steady-state GEMM calls allocate nothing.
/// Thread-static, so the worker threads and every calling thread each own one; it is freed with its thread.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    [ThreadStatic] private static GemmWorkspace? t_current;

    private byte[]? _buffer;
    private byte* _aligned;
    private nint _capacity;

    /// <summary>The calling thread's workspace.</summary>
    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>At least <paramref name="bytes"/> of 64-byte-aligned scratch, valid until the next call on this thread.</summary>
    public byte* Get(nint bytes)
    {
        if (bytes > _capacity)
        {
            _buffer = GC.AllocateUninitializedArray<byte>(checked((int)bytes + 64), pinned: true);
            fixed (byte* p = _buffer)
            {
                _aligned = (byte*)(((nint)p + 63) & ~(nint)63);
            }
            _capacity = bytes;
        }
        return _aligned;
    }

    /// <summary>Rounds a byte count up to a multiple of 64.</summary>
    public static nint Align(nint bytes) => (bytes + 63) & ~(nint)63;
}
