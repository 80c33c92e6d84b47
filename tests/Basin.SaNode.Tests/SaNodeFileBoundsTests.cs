using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.SaNode.Tests;

/// <summary>Issue 28: a model file declaring a huge N allocated its N×N matrices before the tensors were checked.</summary>
public sealed class SaNodeFileBoundsTests
{
    private static TensorBundle Small() => SaNodeFile.AddTo(new TensorBundle("m.safetensors"), new SaNodeModel<float>(new SaNodeConfig { N = 6, K = 2 }, new Rng(1)));

    [Fact]
    public void AnNBeyondMaxNodes_OrAPhiOfTheWrongShape_IsRefusedCheaply()
    {
        var b = Small();
        b.Metadata["config"] = b.Metadata["config"].Replace("\"N\":6", "\"N\":100000");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("exceeds", Assert.Throws<InvalidDataException>(() => SaNodeFile.FromBundle<float>(b)).Message);
        b.Metadata["config"] = b.Metadata["config"].Replace("\"N\":100000", "\"N\":4000");
        Assert.Contains("phi_train", Assert.Throws<InvalidDataException>(() => SaNodeFile.FromBundle<float>(b)).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }
}
