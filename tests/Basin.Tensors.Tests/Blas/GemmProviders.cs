using Basin.Tensors.Blas;

namespace Basin.Tensors.Tests.Blas;

/// <summary>Every GEMM provider this machine can run, by a stable name usable as xunit theory data.</summary>
public static class GemmProviders
{
    public static IEnumerable<string> Names()
    {
        foreach (var kernel in new[] { GemmKernel.Auto, GemmKernel.Avx512, GemmKernel.Avx2, GemmKernel.Scalar })
            if (ManagedGemm.IsSupported(kernel)) yield return "managed-" + kernel;
        if (OpenBlasGemm.TryCreate(out _, out _)) yield return "openblas";
    }

    public static IGemmProvider Create(string name)
    {
        if (name == "openblas")
            return OpenBlasGemm.TryCreate(out var p, out string reason) ? p! : throw new InvalidOperationException(reason);
        return new ManagedGemm(Enum.Parse<GemmKernel>(name["managed-".Length..]));
    }
}
