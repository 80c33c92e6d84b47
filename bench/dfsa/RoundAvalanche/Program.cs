// Avalanche and SAC of a data-free network on its own (issue 29 §4): trains an MLP n → n on bit inputs with a preset and
// term overrides, then measures (1) the float network's avalanche and SAC (DfsaMeasurer.AvalancheSample: output signs),
// (2) for the cipher's shape 64 → 64 → 64 the quantised round function (RoundFunctionTrainer.Quantise, Evaluate on 64-bit
// words) and, with --iter k, the quantised function composed with itself k times, and (3) the largest Lyapunov exponent
// per hidden layer map h ↦ tanh(W h + b) (mean log growth of a renormalised tangent vector).
// SAC passes when max over cells |P(flip) − ½| ≤ z·½/√N, z = Φ⁻¹(1 − 10⁻³/(2·cells)).
// Usage: dotnet run -c Release --project bench/dfsa/RoundAvalanche -- [--in 64] [--layers 1] [--hidden 64] [--gain 1]
//        [--steps 1000] [--batch 64] [--lr 2e-3] [--seed 5] [--preset crypto|none] [--term name=w]... [--mbatches 10] [--iter k]
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Basin.Autodiff;
using Basin.Crypto.Keys;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Measurement;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Tensors;
using MathNet.Numerics.Distributions;

var opts = new Dictionary<string, List<string>>();
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (!opts.TryGetValue(args[i], out var list)) opts[args[i]] = list = [];
    list.Add(args[i + 1]);
}
string Get(string k, string d) => opts.TryGetValue(k, out var v) ? v[^1] : d;
int Int(string k, string d) => int.Parse(Get(k, d), CultureInfo.InvariantCulture);
double Num(string k, string d) => double.Parse(Get(k, d), CultureInfo.InvariantCulture);

int n = Int("--in", "64"), layers = Int("--layers", "1"), hidden = Int("--hidden", "64"), steps = Int("--steps", "1000");
ulong seed = ulong.Parse(Get("--seed", "5"), CultureInfo.InvariantCulture);
string preset = Get("--preset", "crypto");
var spec = new NetworkSpec(Architecture.Mlp, n, n, Hidden: hidden, Layers: layers, InitGain: Num("--gain", "1"));
var net = spec.Create<float>(new Rng(seed));
var clock = Stopwatch.StartNew();
string status = "ok";
if (steps > 0)
{
    var objective = Objective.Build(preset == "none" ? null : preset, opts.GetValueOrDefault("--term") ?? []);
    var options = new DfsaTrainOptions { Steps = steps, BatchSize = Int("--batch", "64"), LearningRate = Num("--lr", "2e-3"), Seed = seed };
    var result = new DfsaTrainer<float>(net, new BitsInput(), objective, options).Train();
    if (result.Diverged) status = $"diverged at {result.Steps}: {result.Reason}";
}
double seconds = clock.Elapsed.TotalSeconds;
var line = new List<string> { string.Join(' ', args), $"{steps} steps {seconds:F1} s {status}" };

var d = spec.Create<double>(new Rng(seed));
d.CopyFrom(net);
int batches = Int("--mbatches", "10"), size = 256;
var flips = new double[n * n];
double avalanche = 0;
var rng = new Rng(0x5EED);
using (Autograd.NoGrad())
    for (int b = 0; b < batches; b++)
    {
        var x = new BitsInput().Sample<double>(rng, size, n);
        avalanche += DfsaMeasurer.AvalancheSample(d, x, d.Evaluate(x), flips) / batches;
    }
line.Add("float " + Sac(avalanche, flips, batches * size));

if (layers == 1 && hidden == 64 && n == 64)
{
    var q = RoundFunctionTrainer.Quantise(net);
    line.Add("quant " + Quantised(x => q.Evaluate(x), 4096));
    int iter = Int("--iter", "1");
    if (iter > 1)
        line.Add($"quant^{iter} " + Quantised(x => { for (int k = 0; k < iter; k++) x = q.Evaluate(x); return x; }, 2048));
}
if (layers > 1) line.Add($"lyapunov/layer {Lyapunov(d, n, layers):F3}");
Console.WriteLine(string.Join(" | ", line));

static string Sac(double avalanche, IReadOnlyList<double> counts, int samples)
{
    var dev = counts.Select(c => Math.Abs(c / samples - 0.5)).ToArray();
    double bound = Normal.InvCDF(0, 1, 1 - 1e-3 / (2.0 * counts.Count)) * 0.5 / Math.Sqrt(samples);
    return $"aval {avalanche:F3} sacMean {dev.Average():F4} sacMax {dev.Max():F4} bound {bound:F4} {(dev.Max() <= bound ? "pass" : "fail")} (N {samples})";
}

static string Quantised(Func<ulong, ulong> f, int samples)
{
    var r = new Random(11);
    var counts = new double[64 * 64];
    long total = 0;
    for (int s = 0; s < samples; s++)
    {
        ulong x = (ulong)r.NextInt64() ^ ((ulong)r.Next() << 62), y = f(x);
        for (int i = 0; i < 64; i++)
        {
            ulong dy = y ^ f(x ^ (1UL << i));
            total += BitOperations.PopCount(dy);
            for (int o = 0; o < 64; o++) counts[i * 64 + o] += (double)((dy >> o) & 1);
        }
    }
    return Sac(total / (samples * 64.0 * 64), counts, samples);
}

static double Lyapunov(DfsaNetwork<double> net, int n, int layers)
{
    var sd = net.StateDict();
    var r = new Random(3);
    double sum = 0;
    int count = 0;
    for (int s = 0; s < 128; s++)
    {
        var h = Enumerable.Range(0, n).Select(_ => r.Next(2) * 2.0 - 1).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => r.NextDouble() - 0.5).ToArray();
        for (int l = 0; l < layers; l++)
        {
            var w = sd[$"mlp.layers.{l}.weight"].ToArray();
            var bias = sd[$"mlp.layers.{l}.bias"].ToArray();
            int rows = bias.Length, cols = h.Length;
            var hn = new double[rows];
            var vn = new double[rows];
            for (int j = 0; j < rows; j++)
            {
                double z = bias[j], zv = 0;
                for (int c = 0; c < cols; c++) { z += w[j * cols + c] * h[c]; zv += w[j * cols + c] * v[c]; }
                hn[j] = Math.Tanh(z);
                vn[j] = (1 - hn[j] * hn[j]) * zv;
            }
            double before = Math.Sqrt(v.Sum(t => t * t)), after = Math.Sqrt(vn.Sum(t => t * t));
            if (l > 0) { sum += Math.Log(Math.Max(after, 1e-300) / before); count++; }
            h = hn;
            v = vn.Select(t => t / Math.Max(after, 1e-300)).ToArray();
        }
    }
    return sum / count;
}
