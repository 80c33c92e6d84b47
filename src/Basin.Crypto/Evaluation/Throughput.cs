using System.Diagnostics;
using System.Security.Cryptography;
using Basin.Crypto.Cipher;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Evaluation;

/// <summary>
/// Encryption throughput of Basin's file format next to .NET's AesGcm and ChaCha20Poly1305, measured in one run, with
/// Basin's bare counter-mode keystream in constant time (as deployed, on all cores and on one thread), by every other
/// constant-time path this CPU runs (<c>basin-keystream-&lt;path&gt;</c>, all cores; slow paths on fewer bytes, sized to
/// about min(0.25, 0.02·MB) seconds) and by the nibble tables (not constant time) beside it. Where the thread CPU clock
/// exists (<see cref="ThreadCpuClock"/>, Linux), the one-thread keystream and AES-GCM are also timed in CPU time of the
/// measuring thread (<c>basin-keystream-1-thread-cpu</c>, <c>aes-gcm-cpu</c>): MB per CPU-second, whose ratio is far less
/// sensitive to other jobs on a shared machine than the wall-clock rates.
/// </summary>
public static class Throughput
{
    /// <summary>MB/s (10⁶ bytes per second) for each contender on <paramref name="megabytes"/> MB, best of <paramref name="repeats"/>.</summary>
    public static IReadOnlyDictionary<string, double> Measure(CipherKey key, double megabytes = 16, int repeats = 3)
    {
        int size = (int)(megabytes * 1e6);
        var data = RandomNumberGenerator.GetBytes(size);
        var r = new Dictionary<string, double>();
        var sink = new MemoryStream(size + size / 100 + 4096);
        double Best(Action run) => BestOf(run, size);
        double BestCpu(Action run)
        {
            run();
            double best = double.PositiveInfinity;
            for (int i = 0; i < repeats; i++)
            {
                double t0 = ThreadCpuClock.Seconds();
                run();
                best = Math.Min(best, ThreadCpuClock.Seconds() - t0);
            }
            return size / 1e6 / best;
        }
        double BestOf(Action run, int bytes)
        {
            run();
            double best = double.PositiveInfinity;
            for (int i = 0; i < repeats; i++)
            {
                var sw = Stopwatch.StartNew();
                run();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            return bytes / 1e6 / best;
        }
        r["basin"] = Best(() => { sink.SetLength(0); CipherStream.Encrypt(key, new MemoryStream(data, false), sink); });
        var cipher = key.MessageCipher(new byte[16]);
        var tables = cipher.WithTableEvaluation();
        var ks = new byte[size];
        r["basin-keystream"] = Best(() => cipher.XorKeystream(ks, 0));
        r["basin-keystream-tables"] = Best(() => tables.XorKeystream(ks, 0));
        const int piece = 2048 * 16;   // below the 4 096 blocks from which XorKeystream splits a span between the cores
        void OneThread() { for (int o = 0; o < size; o += piece) cipher.XorKeystream(ks.AsSpan(o, Math.Min(piece, size - o)), (ulong)(o / 16)); }
        r["basin-keystream-1-thread"] = Best(OneThread);
        if (ThreadCpuClock.IsAvailable) r["basin-keystream-1-thread-cpu"] = BestCpu(OneThread);
        double target = Math.Min(0.25, 0.02 * megabytes);   // seconds per measurement of a slower path
        foreach (var path in RoundFunctionPaths.All.Where(p => p != cipher.Path && RoundFunctionPaths.IsSupported(p)))
        {
            var pc = cipher.WithPath(path);
            var probe = Stopwatch.StartNew();
            pc.XorKeystream(ks.AsSpan(0, Math.Min(size, 1 << 16)), 0);
            int bytes = (int)Math.Clamp(target / Math.Max(probe.Elapsed.TotalSeconds, 1e-6) * Math.Min(size, 1 << 16), 1 << 12, size) & ~63;
            r["basin-keystream-" + RoundFunctionPaths.Name(path)] = BestOf(() => pc.XorKeystream(ks.AsSpan(0, bytes), 0), bytes);
        }
        var weak = key.WithRounds(1);
        r["weak"] = Best(() => { sink.SetLength(0); CipherStream.Encrypt(weak, new MemoryStream(data, false), sink); });
        const int chunk = 1 << 16;
        var outBuf = new byte[chunk];
        var tag = new byte[16];
        var nonce = new byte[12];
        using (var gcm = new AesGcm(RandomNumberGenerator.GetBytes(16), 16))
        {
            void Gcm()
            {
                for (int o = 0; o < size; o += chunk)
                {
                    int n = Math.Min(chunk, size - o);
                    nonce[0]++;
                    gcm.Encrypt(nonce, data.AsSpan(o, n), outBuf.AsSpan(0, n), tag);
                }
            }
            r["aes-gcm"] = Best(Gcm);
            if (ThreadCpuClock.IsAvailable) r["aes-gcm-cpu"] = BestCpu(Gcm);
        }
        if (ChaCha20Poly1305.IsSupported)
            using (var cc = new ChaCha20Poly1305(RandomNumberGenerator.GetBytes(32)))
                r["chacha20-poly1305"] = Best(() =>
                {
                    for (int o = 0; o < size; o += chunk)
                    {
                        int n = Math.Min(chunk, size - o);
                        nonce[0]++;
                        cc.Encrypt(nonce, data.AsSpan(o, n), outBuf.AsSpan(0, n), tag);
                    }
                });
        return r;
    }
}
