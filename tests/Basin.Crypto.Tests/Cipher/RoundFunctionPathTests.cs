using Basin.Crypto.Cipher;

namespace Basin.Crypto.Tests.Cipher;

public class RoundFunctionPathTests
{
    [Fact]
    public void TheDeployedPathRunsHereAndTheScalarPathsRunEverywhere()
    {
        Assert.True(RoundFunctionPaths.IsSupported(RoundFunctionPaths.Deployed));
        Assert.True(RoundFunctionPaths.IsSupported(RoundFunctionPath.Portable));
        Assert.True(RoundFunctionPaths.IsSupported(RoundFunctionPath.BitPlane));
        Assert.Equal(RoundFunctionPaths.All.Count, RoundFunctionPaths.All.Select(RoundFunctionPaths.Name).Distinct().Count());
    }

    [SomePathUnsupportedFact]
    public void AnUnsupportedPathIsRefusedWithItsName()
    {
        var path = RoundFunctionPaths.All.First(p => !RoundFunctionPaths.IsSupported(p));
        var f = TestKeys.RandomFunction(new Random(1));
        var e = Assert.Throws<PlatformNotSupportedException>(() => f.Evaluate(5, path));
        Assert.Contains(RoundFunctionPaths.Name(path), e.Message);
        Assert.Throws<PlatformNotSupportedException>(() => TestKeys.Random().MessageCipher(new byte[16]).WithPath(path));
    }
}
