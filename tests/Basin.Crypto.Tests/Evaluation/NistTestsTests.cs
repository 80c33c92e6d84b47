using Basin.Crypto.Evaluation;

namespace Basin.Crypto.Tests.Evaluation;

/// <summary>The worked examples of NIST SP 800-22 rev. 1a, section 2.</summary>
public class NistTestsTests
{
    private const string E100 = "1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010100010111000";

    [Fact] public void FrequencyExample() => Assert.Equal(0.109599, NistTests.Frequency(NistTests.FromString(E100)), 5);
    [Fact] public void BlockFrequencyExample() => Assert.Equal(0.801252, NistTests.BlockFrequency(NistTests.FromString("0110011010"), 3), 5);
    [Fact] public void RunsExample() => Assert.Equal(0.147232, NistTests.Runs(NistTests.FromString("1001101011")), 5);
    [Fact] public void CumulativeSumsExample() => Assert.Equal(0.4116588, NistTests.CumulativeSums(NistTests.FromString("1011010111"), forward: true), 5);
    [Fact] public void ApproximateEntropyExample() => Assert.Equal(0.261961, NistTests.ApproximateEntropy(NistTests.FromString("0100110101"), 3), 5);

    [Fact]
    public void SerialExample()
    {
        var (p1, p2) = NistTests.Serial(NistTests.FromString("0011011101"), 3);
        Assert.Equal(0.808792, p1, 5);
        Assert.Equal(0.670320, p2, 5);
    }

    [Fact]
    public void LongestRunExample() =>
        Assert.Equal(0.180609, NistTests.LongestRun(NistTests.FromString(
            "11001100000101010110110001001100111000000000001001001101010100010001001111010110100000001101011111001100111001101101100010110010")), 4);   // class probabilities as printed in the spec (4 digits) give 0.180598

    [Fact]
    public void ConstantAndPeriodicSequencesFailAndAesKeystreamPasses()
    {
        var zeros = new byte[1 << 17];
        Assert.True(NistTests.Frequency(zeros) < 1e-10);
        var alt = Enumerable.Range(0, 1 << 17).Select(i => (byte)(i & 1)).ToArray();
        Assert.True(NistTests.Runs(alt) < 1e-10);
        Assert.True(NistTests.Spectral(alt) < 0.01 || NistTests.Serial(alt, 10).P1 < 0.01);
        var aes = new AesBlockFunction(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray());
        var ks = new byte[1 << 17];
        aes.Keystream(ks, 0);
        var results = NistTests.RunAll(NistTests.ToBits(ks));
        Assert.Equal(11, results.Count);
        Assert.All(results, r => Assert.True(r.PValue >= 0.001 && r.PValue <= 1 + 1e-9, $"{r.Test}: p = {r.PValue}"));
    }

    [Fact]
    public void PassProportionRuleMatchesTheSpecification() =>
        Assert.Equal(0.99 - 3 * Math.Sqrt(0.99 * 0.01 / 100), NistTests.MinimumPassProportion(100), 12);   // ≈ 0.96015 for 100 sequences
}
