using Basin.Autodiff;
using Basin.Crypto.Cipher;
using Basin.Crypto.Evaluation;
using Basin.Tensors;

namespace Basin.Crypto.Cryptanalysis;

/// <summary>How well a learned clone reproduces the cipher on unseen plaintexts.</summary>
/// <param name="Rounds">Feistel rounds of the cloned cipher.</param>
/// <param name="Pairs">Known (plaintext, ciphertext) pairs it was trained on.</param>
/// <param name="BitAccuracy">Share of ciphertext bits predicted right (½ = nothing learnt), Wilson 95 %.</param>
/// <param name="BlockAccuracy">Share of 128-bit blocks predicted entirely right (2⁻¹²⁸ by chance).</param>
/// <param name="LeftHalfAccuracy">Bit accuracy on C's left half, which one round copies from P's right half (the trivial part at r = 1).</param>
public sealed record CloneResult(int Rounds, int Pairs, Accuracy BitAccuracy, Accuracy BlockAccuracy, double LeftHalfAccuracy);

/// <summary>
/// The white paper's claim that it is "intractable to train or derive an encryption key clone", tested directly: an MLP
/// (128 → hidden → hidden → 128, ReLU, Adam, binary cross-entropy on each ciphertext bit) is trained on known
/// (P, C = E_r(P)) pairs of the keyed cipher reduced to r rounds and judged on fresh plaintexts. A clone that beats ½ on
/// the bits of full-round ciphertexts would break the claim; reduced rounds show where learning stops.
/// </summary>
public static class CloneAttack
{
    /// <summary>Trains and scores one clone of <paramref name="cipher"/>.</summary>
    public static CloneResult Run(FeistelCipher cipher, int pairs, int test = 4000, int hidden = 512, int epochs = 10, ulong seed = 1)
    {
        if (pairs < 250 || test < 1) throw new ArgumentException("A clone needs at least 250 training pairs and one test pair.");
        var rng = new SampleStream(seed);
        var (xt, yt) = Pairs(cipher, pairs, ref rng);
        var (xv, yv) = Pairs(cipher, test, ref rng);
        var net = LearnedAttacks.FitBits(xt, yt, [128, hidden, hidden, 128], epochs, seed + 3);
        long bits = 0, blocks = 0, copied = 0;
        using (Autograd.NoGrad())
        {
            var logits = net.Forward(Var<float>.Constant(xv)).Value;
            for (int i = 0; i < test; i++)
            {
                int right = 0;
                for (int j = 0; j < 128; j++)
                    if ((logits[i, j] > 0 ? 1f : 0f) == yv[i, j]) { right++; if (j < 64) copied++; }
                bits += right;
                if (right == 128) blocks++;
            }
        }
        return new CloneResult(cipher.Rounds, pairs, Accuracy.Wilson(bits, (long)test * 128), Accuracy.Wilson(blocks, test), (double)copied / (test * 64.0));
    }

    /// <summary>Inputs as ±1 (P's 128 bits: L then R, least significant first), targets C's bits as 0/1.</summary>
    private static (Tensor<float> X, Tensor<float> Y) Pairs(FeistelCipher cipher, int count, ref SampleStream rng)
    {
        var x = new Tensor<float>(count, 128);
        var y = new Tensor<float>(count, 128);
        for (int i = 0; i < count; i++)
        {
            ulong l = rng.Next(), r = rng.Next(), cl = l, cr = r;
            cipher.Encrypt(ref cl, ref cr);
            for (int j = 0; j < 64; j++)
            {
                x[i, j] = (float)(((l >> j) & 1) * 2) - 1; x[i, 64 + j] = (float)(((r >> j) & 1) * 2) - 1;
                y[i, j] = (cl >> j) & 1; y[i, 64 + j] = (cr >> j) & 1;
            }
        }
        return (x, y);
    }
}
