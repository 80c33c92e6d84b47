using System.CommandLine;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Spectre.Console;

namespace Basin.Cli.Commands;

/// <summary><c>basin info</c>: CPU features in use, GEMM provider, threads and versions.</summary>
public static class InfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var cmd = new Command("info", "Show CPU features in use, GEMM providers, threads and versions.") { json };
        CommandAction.Set(cmd, (parse, _) =>
        {
            var facts = Collect();
            if (parse.GetValue(json))
                JsonPrinter.Print(facts);
            else
            {
                var table = new Table().AddColumn("item").AddColumn("value");
                foreach (var (k, v) in facts) table.AddRow(Markup.Escape(k), Markup.Escape(v?.ToString() ?? ""));
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>The facts shown by <c>basin info</c>.</summary>
    public static Dictionary<string, object?> Collect()
    {
        var simd = new List<string>();
        if (Vector512.IsHardwareAccelerated) simd.Add("Vector512");
        if (Vector256.IsHardwareAccelerated) simd.Add("Vector256");
        if (Avx512F.IsSupported) simd.Add("AVX-512F");
        if (Avx2.IsSupported) simd.Add("AVX2");
        if (Fma.IsSupported) simd.Add("FMA");
        var gemm = Basin.Tensors.Blas.Blas.Default;
        var managed = Basin.Tensors.Blas.Blas.Managed;
        string openblas = Basin.Tensors.Blas.OpenBlasGemm.TryCreate(out var ob, out var reason)
            ? $"{ob!.LibraryPath} ({ob.Config.Trim()})"
            : $"not found ({reason}; Debian: apt-get install libopenblas0)";
        return new Dictionary<string, object?>
        {
            ["basin_version"] = CliApp.Version,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
            ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
            ["processor_count"] = Environment.ProcessorCount,
            ["simd"] = string.Join(", ", simd),
            ["gemm_provider"] = gemm.Name,
            ["gemm_kernel"] = managed.Kernel.ToString(),
            ["gemm_threads"] = managed.MaxThreads,
            ["openblas"] = openblas,
            ["blas_env"] = $"{Basin.Tensors.Blas.Blas.EnvironmentVariable}={Environment.GetEnvironmentVariable(Basin.Tensors.Blas.Blas.EnvironmentVariable) ?? "(unset: managed)"}",
            ["data_cache"] = Basin.Data.DataDirectory.Root,
        };
    }
}
