using Basin.Fuzz.Crash;

namespace Basin.Fuzz.Tests.Crash;

/// <summary>
/// The CI slice of the kill -9 campaign (issue 28 §2): a few SIGKILLs of <c>crypto encrypt</c> and <c>sanode train</c>;
/// the full campaign (50 kills of each of the seven commands) is <c>Basin.Fuzz kill9</c>.
/// </summary>
public sealed class KillCampaignTests
{
    [Theory]
    [InlineData("crypto encrypt")]
    [InlineData("sanode train")]
    public void AfterRandomKills_OutputsAreAbsentOrValid_InputsUnchanged_AndResumesMatch(string command)
    {
        var s = KillCampaign.Scenarios.Single(x => x.Name == command);
        var r = KillCampaign.Run(s, new KillCampaignOptions(Kills: 3, Seed: 5));
        Assert.Equal(0, r.Corrupt);
        Assert.False(r.InputsModified);
        Assert.True(r.FinalRunSucceeded);
        Assert.Equal(r.Resumes, r.IdenticalTensors);
    }
}
