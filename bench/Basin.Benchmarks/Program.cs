using BenchmarkDotNet.Running;
using Basin.Benchmarks;

if (args.Length > 0 && args[0] == "--quick")
{
    QuickGemm.Run(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args);
