using Basin.Autodiff;
using Basin.Tensors;

namespace Basin.Crypto.Evaluation;

/// <summary>An accuracy with its Wilson 95 % interval over <c>Trials</c> test decisions.</summary>
public readonly record struct Accuracy(double Value, double Lo, double Hi, long Trials)
{
    /// <summary>Wilson score interval for k successes in n trials.</summary>
    public static Accuracy Wilson(long k, long n)
    {
        double p = (double)k / n, z = 1.96, d = 1 + z * z / n;
        double c = (p + z * z / (2 * n)) / d, h = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new Accuracy(p, c - h, c + h, n);
    }
}

/// <summary>
/// Attackers that learn: a neural distinguisher in the spirit of Gohr (CRYPTO 2019) — an MLP told apart ciphertext pairs
/// (E(P), E(P ⊕ Δ)) for a fixed input difference Δ from pairs of unrelated ciphertexts, from their XOR difference; accuracy
/// above ½ is a distinguisher — and a known-plaintext attacker, an MLP trained on (C, P) pairs to predict the plaintext bits
/// of unseen ciphertexts (bit accuracy; ½ = nothing learnt). Both use Basin's autodiff and Adam; intervals are Wilson 95 %.
/// </summary>
public static class LearnedAttacks
{
    /// <summary>Fixed input difference Δ: bit 0 of the right half (the half entering the first round function).</summary>
    public static readonly byte[] Delta = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Distinguisher accuracy on <paramref name="test"/> fresh pairs after training on <paramref name="train"/>.</summary>
    public static Accuracy Distinguisher(IBlockFunction f, int train = 20_000, int test = 10_000, int epochs = 8, ulong seed = 1)
    {
        var rng = new Random((int)(seed & 0x7fffffff) + 17);
        (Tensor<float> X, int[] Y) Make(int count)
        {
            var x = new Tensor<float>(count, 128);
            var y = new int[count];
            var p = new byte[16]; var p2 = new byte[16]; var c = new byte[16]; var c2 = new byte[16];
            for (int i = 0; i < count; i++)
            {
                rng.NextBytes(p);
                y[i] = rng.Next(2);
                if (y[i] == 1) for (int j = 0; j < 16; j++) p2[j] = (byte)(p[j] ^ Delta[j]);
                else rng.NextBytes(p2);
                f.Encrypt(p, c); f.Encrypt(p2, c2);
                var row = x.Row(i);
                for (int j = 0; j < 128; j++) row[j] = (((c[j >> 3] ^ c2[j >> 3]) >> (j & 7)) & 1) * 2 - 1;
            }
            return (x, y);
        }
        var (xt, yt) = Make(train);
        var (xv, yv) = Make(test);
        var net = new Mlp<float>([128, 128, 64, 2], Activation.Relu, new Rng(seed));
        Fit(net, xt, yt, epochs, seed);
        return Score(net, xv, yv);
    }

    /// <summary>Known-plaintext attacker: bit accuracy of predicting P from C on unseen pairs.</summary>
    public static Accuracy KnownPlaintext(IBlockFunction f, int train = 20_000, int test = 5_000, int epochs = 8, ulong seed = 1)
    {
        var rng = new Random((int)(seed & 0x7fffffff) + 29);
        (Tensor<float> C, Tensor<float> P) Make(int count)
        {
            var cx = new Tensor<float>(count, 128);
            var px = new Tensor<float>(count, 128);
            var p = new byte[16]; var c = new byte[16];
            for (int i = 0; i < count; i++)
            {
                rng.NextBytes(p);
                f.Encrypt(p, c);
                for (int j = 0; j < 128; j++)
                {
                    cx[i, j] = ((c[j >> 3] >> (j & 7)) & 1) * 2 - 1;
                    px[i, j] = (p[j >> 3] >> (j & 7)) & 1;
                }
            }
            return (cx, px);
        }
        var (ct, pt) = Make(train);
        var (cv, pv) = Make(test);
        var net = FitBits(ct, pt, [128, 256, 128], epochs, seed + 3);
        long right = 0;
        using (Autograd.NoGrad())
        {
            var logits = net.Forward(Var<float>.Constant(cv)).Value;
            for (int i = 0; i < test; i++) for (int j = 0; j < 128; j++) if ((logits[i, j] > 0 ? 1f : 0f) == pv[i, j]) right++;
        }
        return Accuracy.Wilson(right, (long)test * 128);
    }

    /// <summary>
    /// An MLP of <paramref name="widths"/> (ReLU, Adam 10⁻³, batches of 250) trained to predict the 0/1 bits <paramref name="y"/>
    /// from <paramref name="x"/> with binary cross-entropy on each bit: the learner of the known-plaintext attacker and the clone.
    /// </summary>
    public static Mlp<float> FitBits(Tensor<float> x, Tensor<float> y, int[] widths, int epochs, ulong seed)
    {
        var net = new Mlp<float>(widths, Activation.Relu, new Rng(seed));
        var adam = new Adam<float>(net.NamedParameters(), new AdamOptions(1e-3));
        var tape = new Tape<float>();
        const int batch = 250;
        int n = x.Shape[0];
        for (int e = 0; e < epochs; e++)
            for (int s = 0; s + batch <= n; s += batch)
            {
                tape.Reset(); adam.ZeroGrad();
                var loss = Functional.BinaryCrossEntropyWithLogits(net.Forward(tape.Input(Rows(x, s, batch))), tape.Input(Rows(y, s, batch)));
                tape.Backward(loss); adam.Step();
            }
        return net;
    }

    private static void Fit(Mlp<float> net, Tensor<float> x, int[] y, int epochs, ulong seed)
    {
        var adam = new Adam<float>(net.NamedParameters(), new AdamOptions(1e-3));
        var tape = new Tape<float>();
        const int batch = 250;
        for (int e = 0; e < epochs; e++)
            for (int s = 0; s + batch <= y.Length; s += batch)
            {
                tape.Reset(); adam.ZeroGrad();
                var loss = Functional.CrossEntropy(net.Forward(tape.Input(Rows(x, s, batch))), y.AsSpan(s, batch));
                tape.Backward(loss); adam.Step();
            }
    }

    private static Accuracy Score(Mlp<float> net, Tensor<float> x, int[] y)
    {
        using var _ = Autograd.NoGrad();
        var s = net.Forward(Var<float>.Constant(x)).Value;
        long right = 0;
        for (int i = 0; i < y.Length; i++) if ((s[i, 1] > s[i, 0] ? 1 : 0) == y[i]) right++;
        return Accuracy.Wilson(right, y.Length);
    }

    private static Tensor<float> Rows(Tensor<float> t, int start, int count)
    {
        var r = new Tensor<float>(count, t.Shape[1]);
        for (int i = 0; i < count; i++) t.Row(start + i).CopyTo(r.Row(i));
        return r;
    }
}
