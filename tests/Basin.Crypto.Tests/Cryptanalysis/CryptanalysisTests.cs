using Basin.Crypto.Cipher;
using Basin.Crypto.Cryptanalysis;

namespace Basin.Crypto.Tests.Cryptanalysis;

public class CryptanalysisTests
{
    /// <summary>W = 127·I, b = 0 in both layers: h = x and y = h, so F is the identity.</summary>
    private static QuantizedRoundFunction Identity()
    {
        var w = new sbyte[64 * 64];
        for (int i = 0; i < 64; i++) w[i * 64 + i] = 127;
        return new QuantizedRoundFunction(w, new short[64], w, new short[64]);
    }

    /// <summary>All weights 0 and positive biases: F(x) = all ones for every x.</summary>
    private static QuantizedRoundFunction Constant() =>
        new(new sbyte[4096], Enumerable.Repeat((short)5, 64).ToArray(), new sbyte[4096], Enumerable.Repeat((short)5, 64).ToArray());

    [Fact]
    public void IdentityRoundFunctionHasTheClosedFormDifferentialsAndBiases()
    {
        var f = Identity();
        Assert.Equal(0x0123456789ABCDEFUL, f.Evaluate(0x0123456789ABCDEFUL));
        foreach (var d in new[] { 1UL, 1UL << 40, 0x8000000000000001UL })
        {
            var t = DifferentialProfile.Estimate(f, d, 256, 3);
            Assert.Single(t);
            Assert.Equal(d, t[0].OutputDifference);
            Assert.Equal(1.0, t[0].Probability);
        }
        Assert.Equal(0.5, LinearProfile.Bias(f, 1UL << 7, 1UL << 7, 512, 1));
        Assert.Equal(0.0, LinearProfile.Bias(f, 1UL << 7, 1UL << 8, 4096, 1), 1);
        var single = LinearProfile.SingleBitBiases(f, 256, 2);
        for (int i = 0; i < 64; i++) Assert.Equal(0.5, single[i, i]);
        Assert.All(LinearProfile.Search(f, 512, 5, starts: 2, keep: 3), l => Assert.Equal(0.5, Math.Abs(l.Bias)));
    }

    [Fact]
    public void ConstantRoundFunctionMapsEveryDifferenceToZero()
    {
        var t = DifferentialProfile.Estimate(Constant(), 1UL << 9, 128, 1);
        Assert.Equal(0UL, t[0].OutputDifference);
        Assert.Equal(128, t[0].Count);
    }

    [Fact]
    public void WeakRoundFunctionsGiveFreeCharacteristicsAndNoMargin()
    {
        foreach (var f in new[] { Identity(), Constant() })
        {
            var found = new CharacteristicSearch(f, 128, 1, beam: 8).Run(10, DifferentialProfile.SingleBitDifferences().Take(4));
            Assert.Equal(10, found.Count);
            Assert.All(found, c => Assert.Equal(0.0, c.Log2Probability));
            Assert.All(found, c => Assert.Equal(c.Rounds + 1, c.Differences.Count));
            Assert.Null(CharacteristicSearch.Margin(found));
        }
    }

    [Fact]
    public void CharacteristicFollowsTheFeistelDifferenceRule()
    {
        var f = TestKeys.RandomFunction(new Random(3));
        var search = new CharacteristicSearch(f, 2048, 1, beam: 16, branching: 4, minimumCount: 2);
        var found = search.Run(6, DifferentialProfile.SingleBitDifferences());
        Assert.NotEmpty(found);
        for (int i = 1; i < found.Count; i++) Assert.True(found[i].Log2Probability <= found[i - 1].Log2Probability + 1e-12);
        var best = found[^1];
        double logP = 0;
        for (int r = 0; r < best.Rounds; r++)
        {
            var (dl, dr) = best.Differences[r];
            var (nl, nr) = best.Differences[r + 1];
            Assert.Equal(dr, nl);                                             // ΔL' = ΔR
            if (dr == 0) { Assert.Equal(dl, nr); continue; }                  // a round without input difference is free
            var t = search.Transitions(dr).Single(x => x.OutputDifference == (nr ^ dl));
            logP += Math.Log2(t.Probability);
        }
        Assert.Equal(best.Log2Probability, logP, 9);
    }

    [Fact]
    public void MarginIsReadOffOrExtrapolatedLinearly()
    {
        static Characteristic C(int r, double lp) => new(r, lp, []);
        var steep = Enumerable.Range(1, 40).Select(r => C(r, -4.0 * r)).ToList();
        Assert.Equal((33, false), CharacteristicSearch.Margin(steep));       // −132 < −128 first at r = 33
        var shallow = Enumerable.Range(1, 16).Select(r => C(r, -2.0 * r)).ToList();
        Assert.Equal((65, true), CharacteristicSearch.Margin(shallow));      // −2 per round: −130 at r = 65
    }

    [Fact]
    public void ClopperPearsonMatchesClosedForms()
    {
        var (lo, hi) = BinomialBounds.ClopperPearson(0, 10);
        Assert.Equal(0, lo);
        Assert.Equal(1 - Math.Pow(0.025, 0.1), hi, 9);                       // k = 0: upper = 1 − (α/2)^(1/n)
        (lo, hi) = BinomialBounds.ClopperPearson(10, 10);
        Assert.Equal(Math.Pow(0.025, 0.1), lo, 9);
        Assert.Equal(1, hi);
        (lo, hi) = BinomialBounds.ClopperPearson(5, 10);
        Assert.Equal(1 - hi, lo, 9);                                          // symmetric at k = n/2
        Assert.InRange(lo, 0.187, 0.188);
    }

    [Fact]
    public void DistinguishersSeeTheIdentityCipherButNotFullRounds()
    {
        var id = new FeistelCipher(Identity(), new ulong[4]);
        Assert.True(OutputDifferenceBias.CounterAdjacent(id, 256, 1).Distinguishes);
        var key = TestKeys.Random(16);
        var nonce = new byte[16];
        var related = OutputDifferenceBias.RelatedKey(key.MessageCipher(nonce), key.WithMasterBitFlipped(0).MessageCipher(nonce), 4096, 1);
        Assert.Equal(4096, related.Pairs);
        Assert.InRange(related.MaxAbsZ, 0, 6);   // round keys are HMAC-derived: independent after one master bit
    }

    [Fact]
    public void AnalysisReportsEveryPartForAReducedKey()
    {
        var key = TestKeys.Random(3);
        var r = CipherAnalysis.Run(key, new CipherAnalysisOptions(Samples: 256, TwoBitDifferences: 8, SearchRounds: 4, Beam: 8, DistinguisherPairs: 256));
        Assert.Equal(64, r.SingleBit.Count);
        Assert.Equal(8, r.TwoBit.Count);
        Assert.NotEmpty(r.Linear);
        Assert.Equal(3, r.Table.Count);
        Assert.All(r.SingleBit, t => Assert.InRange(t.Probability, t.Lower, t.Upper));
        Assert.Throws<ArgumentException>(() => new CipherAnalysisOptions(Samples: 1).Validate());
    }
}

public class CloneAttackTests
{
    [Fact]
    public void OneRoundCloneLearnsTheCopiedHalfAndFullRoundsStayAtChance()
    {
        var key = TestKeys.Random(16);
        var nonce = new byte[16];
        var one = CloneAttack.Run(key.WithRounds(1).MessageCipher(nonce), 2000, test: 1000);
        Assert.True(one.LeftHalfAccuracy > 0.8, $"left half {one.LeftHalfAccuracy}");   // C_L = P_R after one round
        Assert.True(one.BitAccuracy.Lo > 0.6, $"{one.BitAccuracy}");
        var full = CloneAttack.Run(key.MessageCipher(nonce), 1000, test: 1000, hidden: 128, epochs: 4);
        Assert.InRange(full.BitAccuracy.Value, 0.48, 0.52);
        Assert.Equal(0, full.BlockAccuracy.Value);
        Assert.Throws<ArgumentException>(() => CloneAttack.Run(key.MessageCipher(nonce), 10));
    }
}
