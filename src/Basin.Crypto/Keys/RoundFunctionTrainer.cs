using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Crypto.Cipher;
using Basin.Tensors;

namespace Basin.Crypto.Keys;

/// <summary>
/// Trains the round function data-free (white paper §E, crypto ring): an MLP 64 → 64 (tanh) → 64 on uniform ±1 bit inputs,
/// Adam on the <c>crypto</c> preset (stochasticity, entropy, discontinuity, stability, invertibility terms; SPEC §2), then
/// quantises it for deployment: each weight matrix scaled by 127/max|W| and rounded to int8, each bias scaled by the same
/// factor and rounded to int16 (a positive scale keeps the sign of every pre-activation), tanh replaced by the sign.
/// Floating point is used only here; the deployed function is integer-only (<see cref="QuantizedRoundFunction"/>).
/// </summary>
public static class RoundFunctionTrainer
{
    /// <summary>The float network before quantisation (steps = 0 gives the untrained initialisation).</summary>
    public static MlpNetwork<float> TrainFloat(ulong seed, int steps, Action<int>? progress = null)
    {
        var spec = new NetworkSpec(Architecture.Mlp, 64, 64, Hidden: 64, Layers: 1);
        var net = (MlpNetwork<float>)spec.Create<float>(new Rng(seed));
        if (steps > 0)
        {
            var trainer = new DfsaTrainer<float>(net, new BitsInput(), Objective.Build("crypto", []),
                new DfsaTrainOptions { Steps = steps, BatchSize = 64, LearningRate = 2e-3, Seed = seed });
            var result = trainer.Train(r => progress?.Invoke(r.Step));
            if (result.Diverged) throw new InvalidOperationException($"Round-function training diverged: {result.Reason}");
        }
        return net;
    }

    /// <summary>Trains and quantises.</summary>
    public static QuantizedRoundFunction Train(ulong seed, int steps, Action<int>? progress = null) => Quantise(TrainFloat(seed, steps, progress));

    /// <summary>Quantises a 64 → 64 → 64 MLP to the integer round function.</summary>
    public static QuantizedRoundFunction Quantise(DfsaNetwork<float> net)
    {
        var sd = net.StateDict();
        var (w1, b1) = Layer(sd["mlp.layers.0.weight"].ToArray(), sd["mlp.layers.0.bias"].ToArray());
        var (w2, b2) = Layer(sd["mlp.layers.1.weight"].ToArray(), sd["mlp.layers.1.bias"].ToArray());
        return new QuantizedRoundFunction(w1, b1, w2, b2);
    }

    private static (sbyte[] W, short[] B) Layer(float[] w, float[] b)
    {
        double max = w.Max(v => Math.Abs((double)v));
        if (!(max > 0) || !double.IsFinite(max)) throw new InvalidOperationException("Cannot quantise a zero or non-finite weight matrix.");
        double s = 127 / max;
        var qw = w.Select(v => (sbyte)Math.Clamp(Math.Round(v * s), -127, 127)).ToArray();
        var qb = b.Select(v => (short)Math.Clamp(Math.Round(v * s), -8000, 8000)).ToArray();
        return (qw, qb);
    }
}
