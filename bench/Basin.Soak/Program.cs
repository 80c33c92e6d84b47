using System.Diagnostics;
using Basin.Crypto.Tests.Properties;
using CsCheck;

// Soak runner for the property tests (issue 28 §3). Usage:
//   dotnet run -c Release --project bench/Basin.Soak -- cipher [--cases N] [--threads T] [--seed S]
// Runs the cipher round-trip property (the generator and check of CipherPropertyTests) for N cases, then the sampled
// bit-flip property for N/100 cases, and prints cases/s. On a failure CsCheck shrinks and prints the minimal case and
// its seed (rerun it with --seed), and the exit code is 1.
static int Usage()
{
    Console.Error.WriteLine("usage: Basin.Soak cipher [--cases N] [--threads T] [--seed S]");
    return 2;
}

if (args.Length == 0 || args[0] != "cipher") return Usage();
long cases = 1_000_000;
int threads = -1;
string? seed = null;
for (int i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases" when i + 1 < args.Length: cases = long.Parse(args[++i]); break;
        case "--threads" when i + 1 < args.Length: threads = int.Parse(args[++i]); break;
        case "--seed" when i + 1 < args.Length: seed = args[++i]; break;
        default: return Usage();
    }
}
if (cases < 1) return Usage();

try
{
    Run("cipher round trip", CipherProperties.Case, CipherProperties.RoundTrip, cases);
    Run("cipher bit flips (8 flips a case)", CipherProperties.SmallCaseWithFlips, t => CipherProperties.BitFlipsRejected(t.Item1, t.Item2), Math.Max(1, cases / 100));
    return 0;
}
catch (CsCheckException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

void Run<T>(string name, Gen<T> gen, Action<T> property, long n)
{
    long bytes = 0;
    var sw = Stopwatch.StartNew();
    gen.Sample(x =>
    {
        property(x);
        if (x is CipherCase c) Interlocked.Add(ref bytes, c.Length);
    }, iter: n, threads: threads, seed: seed, writeLine: line => Console.Error.WriteLine($"  {line}"));
    double s = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"{name}: {n} cases passed in {s:F1} s = {n / s:F0} cases/s" +
                      (bytes > 0 ? $" ({bytes / 1e6:F1} MB of plaintext, {2 * bytes / 1e6 / s:F1} MB/s encrypted + decrypted)" : "") +
                      $", {(threads > 0 ? threads : Environment.ProcessorCount)} threads");
}
