using System.Security.Cryptography;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;

namespace Basin.Crypto.Evaluation;

/// <summary>Sizes of the evaluation; <see cref="Quick"/> is for tests and smoke runs.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Random plaintexts per input bit for SAC/BIC.</summary>
    public int DiffusionSamples { get; init; } = 2048;
    /// <summary>NIST sequences per cipher (≥ 55 so that the p-value uniformity rule of §4.2.2 applies).</summary>
    public int NistSequences { get; init; } = 60;
    /// <summary>Bits per NIST sequence (2²⁰ ≥ the 10⁶ the specification recommends).</summary>
    public int NistBits { get; init; } = 1 << 20;
    /// <summary>Training pairs of the learned attackers.</summary>
    public int AttackTrain { get; init; } = 20_000;
    /// <summary>Test pairs of the learned attackers.</summary>
    public int AttackTest { get; init; } = 10_000;
    /// <summary>Training epochs of the learned attackers.</summary>
    public int AttackEpochs { get; init; } = 8;
    /// <summary>Megabytes for the throughput measurement.</summary>
    public double ThroughputMegabytes { get; init; } = 16;
    /// <summary>Round counts of Basin's cipher measured for the randomness margin.</summary>
    public int[] RoundSweep { get; init; } = [1, 2, 3, 4, 6, 8, 12, 16];
    /// <summary>Seed of the test inputs (not of any key: keys come from the CSPRNG).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Small sizes (seconds): for tests and smoke runs; the numbers are noisy.</summary>
    public static EvaluationOptions Quick { get; } = new()
    {
        DiffusionSamples = 256, NistSequences = 4, NistBits = 1 << 17, AttackTrain = 4000, AttackTest = 2000, AttackEpochs = 4,
        ThroughputMegabytes = 1, RoundSweep = [1, 2, 4],
    };
}

/// <summary>All measurements of one cipher at one round count.</summary>
public sealed record CipherReport(string Name, int Rounds, DiffusionResult Diffusion, DiffusionResult KeyDiffusion, int NistPassed, int NistTotal,
    IReadOnlyDictionary<string, double> NistPassProportion, Accuracy Distinguisher, Accuracy KnownPlaintext, double ByteEntropy,
    double ChiSquare, double ChiSquarePValue, double KeySensitivity, double MegabytesPerSecond, IReadOnlyList<NistFamily>? NistFamilies = null)
{
    /// <summary>SAC, BIC and the NIST pass-proportion rule all passed, and neither learned attacker beats chance (CI contains ½ or lies below).</summary>
    public bool PassesAll => Diffusion.Passed && KeyDiffusion.Passed && NistPassed == NistTotal && Distinguisher.Lo <= 0.5 && KnownPlaintext.Lo <= 0.5;
}

/// <summary>The whole evaluation: three ciphers side by side, Basin's round sweep, image diffusion and throughput.</summary>
public sealed record EvaluationReport(IReadOnlyList<CipherReport> Ciphers, IReadOnlyList<CipherReport> RoundSweep, int? MarginRounds,
    int DefaultRounds, (double Npcr, double Uaci) ImageFreshNonce, (double Npcr, double Uaci) ImageSameNonce, IReadOnlyDictionary<string, double> Throughput);

/// <summary>Runs the harness of the cipher issue on Basin's cipher, AES-128 (CTR keystream) and a deliberately weak 1-round Basin cipher.</summary>
public static class CryptoEvaluation
{
    /// <summary>Evaluates <paramref name="key"/>; AES gets a fresh random key; the weak baseline is <paramref name="key"/> with one round.</summary>
    public static EvaluationReport Run(CipherKey key, EvaluationOptions o, Action<string>? progress = null)
    {
        var nonce = new byte[16];
        var throughput = Throughput.Measure(key, o.ThroughputMegabytes);
        progress?.Invoke("throughput done");
        CipherReport One(IBlockFunction f, double mbps) => MeasureCipher(f, o, mbps, progress);
        var ciphers = new List<CipherReport>
        {
            One(new BasinBlockFunction(key, nonce), throughput["basin"]),
            One(new AesBlockFunction(RandomNumberGenerator.GetBytes(16)), throughput["aes-gcm"]),
            One(new BasinBlockFunction(key.WithRounds(1), nonce, "weak"), throughput["weak"]),
        };
        var sweep = new List<CipherReport>();
        foreach (int r in RoundSweep.Counts(o))
            sweep.Add(r == key.Rounds ? ciphers[0] : r == 1 ? ciphers[2] with { Name = "basin" } : One(new BasinBlockFunction(key.WithRounds(r), nonce), double.NaN));
        int? margin = RoundSweep.Margin(sweep);
        return new EvaluationReport(ciphers, sweep, margin, key.Rounds, ImageDiffusion(key, fresh: true), ImageDiffusion(key, fresh: false), throughput);
    }

    /// <summary>
    /// Every measurement of one cipher: SAC/BIC over plaintext bits and key bits (<see cref="Diffusion"/>), the NIST SP 800-22
    /// fifteen tests over <see cref="EvaluationOptions.NistSequences"/> keystream sequences by the proportion and uniformity rules (Rukhin et al. 2010, §4.2),
    /// the learned distinguisher and known-plaintext attacker, byte entropy and χ² of the first eight sequences, and the
    /// keystream bit difference after flipping 16 master-key bits. Deterministic for a given function and options
    /// (<paramref name="megabytesPerSecond"/> is only recorded).
    /// </summary>
    public static CipherReport MeasureCipher(IBlockFunction f, EvaluationOptions o, double megabytesPerSecond, Action<string>? progress = null)
    {
        progress?.Invoke($"{f.Name} ({f.Rounds} rounds): diffusion");
        var diff = Diffusion.Measure(f, o.DiffusionSamples, o.Seed);
        var keyDiff = Diffusion.MeasureKey(f, f.Name == "aes" ? 128 : 256, o.DiffusionSamples, o.Seed + 1);
        progress?.Invoke($"{f.Name} ({f.Rounds} rounds): NIST SP 800-22");
        var stream = new byte[o.NistBits / 8];
        var all = new List<byte>();
        var perSequence = new List<IReadOnlyList<NistResult>>();
        for (int s = 0; s < o.NistSequences; s++)
        {
            f.Keystream(stream, (ulong)s * (ulong)(stream.Length / 16 + 1) + 1_000_000UL);
            if (s < 8) all.AddRange(stream);
            perSequence.Add(NistTests.RunFifteen(NistTests.ToBits(stream)));
        }
        var summaries = NistTests.Summarise(perSequence);
        var families = NistTests.Families(summaries);
        var proportions = summaries.ToDictionary(x => x.Test, x => x.Proportion);
        int passed = families.Count(x => x.Passes);
        progress?.Invoke($"{f.Name} ({f.Rounds} rounds): learned attackers");
        var dist = LearnedAttacks.Distinguisher(f, o.AttackTrain, o.AttackTest, o.AttackEpochs, o.Seed);
        var kpa = LearnedAttacks.KnownPlaintext(f, o.AttackTrain, Math.Max(500, o.AttackTest / 2), o.AttackEpochs, o.Seed);
        var bytes = all.ToArray();
        var (chi, chiP) = StreamStatistics.ByteChiSquare(bytes);
        double sens = 0;
        var a = new byte[4096]; var b = new byte[4096];
        f.Keystream(a, 0);
        for (int bit = 0; bit < 16; bit++)
        {
            f.WithKeyBitFlipped(bit * 7).Keystream(b, 0);
            sens += StreamStatistics.BitDifference(a, b) / 16;
        }
        return new CipherReport(f.Name, f.Rounds, diff, keyDiff, passed, families.Count, proportions, dist, kpa, StreamStatistics.ByteEntropy(bytes), chi, chiP, sens, megabytesPerSecond, families);
    }

    /// <summary>
    /// NPCR/UACI of the ciphertexts of a 256×256 test image and the same image with one pixel changed, under the file format
    /// with fresh random nonces (as deployed) or the same nonce (counter mode: only the changed byte differs).
    /// </summary>
    public static (double Npcr, double Uaci) ImageDiffusion(CipherKey key, bool fresh)
    {
        var img = new byte[256 * 256];
        for (int y = 0; y < 256; y++) for (int x = 0; x < 256; x++) img[y * 256 + x] = (byte)((x + y) / 2 ^ ((x / 32 + y / 32) % 2 == 0 ? 0 : 64));
        var img2 = (byte[])img.Clone();
        img2[128 * 256 + 128] ^= 1;
        byte[] Enc(byte[] p, byte[]? nonce)
        {
            var ms = new MemoryStream();
            CipherStream.Encrypt(key, new MemoryStream(p), ms, nonce: nonce);
            return ms.ToArray().AsSpan(CipherStream.HeaderSize + 5, p.Length).ToArray();
        }
        var n = RandomNumberGenerator.GetBytes(16);
        return StreamStatistics.NpcrUaci(Enc(img, fresh ? null : n), Enc(img2, fresh ? null : n));
    }
}
