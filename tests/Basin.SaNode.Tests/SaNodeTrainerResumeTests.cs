using Basin.Data;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.SaNode.Tests;

/// <summary>Fuzzing regression (issue 28): a checkpoint with a malformed recipe, history or optimiser state threw JsonException, ArgumentException or KeyNotFoundException.</summary>
public sealed class SaNodeTrainerResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-resume").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private string Checkpoint()
    {
        var t = new SaNodeTrainer(new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(2)), new SaNodeTrainOptions { Epochs = 1, BatchSize = 10 });
        t.Run(Letters.Create(2), null, null);
        string p = Path.Combine(_dir, "c.ckpt");
        t.SaveCheckpoint(p);
        return p;
    }

    [Theory]
    [InlineData("checkpoint.options", "{\"Epochs\":")]
    [InlineData("checkpoint.options", "{\"Solver\":\"evler\"}")]
    [InlineData("checkpoint.epochs_done", "x")]
    [InlineData("opt.step", "-")]
    public void AMalformedPart_IsInvalidData_NamingTheFile(string key, string value)
    {
        string p = Checkpoint();
        var b = SafeTensors.Load(p);
        b.Metadata[key] = value;
        SafeTensors.Save(p, b);
        Assert.Contains(p, Assert.Throws<InvalidDataException>(() => SaNodeTrainer.Resume(p)).Message);
    }

    [Fact]
    public void AMissingOptimiserTensor_IsInvalidData()
    {
        string p = Checkpoint();
        var b = SafeTensors.Load(p);
        var c = new TensorBundle(p);
        foreach (var n in b.Names.Where(n => n != b.Names.First(x => x.StartsWith("opt.", StringComparison.Ordinal)))) c.Add(n, b.GetFloat(n));
        foreach (var (k, v) in b.Metadata) c.Metadata[k] = v;
        SafeTensors.Save(p, c);
        Assert.Throws<InvalidDataException>(() => SaNodeTrainer.Resume(p));
    }
}
