namespace Basin.Tensors.Blas;

/// <summary>A GEMM provider whose thread count can be limited.</summary>
public interface IGemmThreading
{
    /// <summary>Most threads one GEMM call may use (≥ 1).</summary>
    int MaxThreads { get; set; }
}
