using Basin.Dfsa.Networks;

namespace Basin.Dfsa.Tests;

/// <summary>Fuzzing regression (issue 28): a stored spec that parses but fails validation threw ArgumentException out of a model file.</summary>
public sealed class NetworkSpecFromJsonTests
{
    [Theory]
    [InlineData("""{"architecture":"mlp","input_dim":2,"output_dim":0}""")]
    [InlineData("""{"architecture":"mlp","input_dim":2,"output_dim":2,"activation":"tan["}""")]
    [InlineData("""{"architecture":"mlp","input_dim":2,"output_dim":2,"activation":"\uDDDD"}""")]
    public void AnInvalidStoredSpec_IsInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => NetworkSpec.FromJson(json));
}
