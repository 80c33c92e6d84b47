using Basin.Data;
using Basin.SaNode;
using Basin.Studies.SaNode;
using Basin.Tensors;

namespace Basin.Fuzz.Targets;

/// <summary>
/// SA-nODE training checkpoints as <c>sanode train --resume</c> and <c>sanode history</c> read them:
/// <see cref="SaNodeTrainer.Resume"/> (model, Adam state, recipe JSON, history JSON, inverse cache) and
/// <see cref="TrainingHistory.Read"/>.
/// </summary>
public sealed class SaNodeCheckpointTarget : FuzzTarget
{
    public override string Name => "sanode-checkpoint";
    public override string Description => "SaNodeTrainer.Resume and TrainingHistory.Read: an SA-nODE training checkpoint";
    public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];

    public override void Parse(byte[] input)
    {
        string path = FuzzScratch.Write("fuzz.ckpt", input);
        InvalidDataException? resume = null;
        try { SaNodeTrainer.Resume(path); }
        catch (InvalidDataException e) { resume = e; }
        TrainingHistory.Read(path);
        if (resume != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(resume);
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        yield return ("letters-1-epoch", TinyCheckpoint());
    }

    /// <summary>A checkpoint after one epoch on ten letters (N = 49, K = 5): model, Adam state, recipe, history.</summary>
    internal static byte[] TinyCheckpoint()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(2));
        var trainer = new SaNodeTrainer(model, new SaNodeTrainOptions { Epochs = 1, BatchSize = 10, Seed = 2 });
        trainer.Run(Letters.Create(10), null, null);
        return FuzzScratch.ReadBack(p => trainer.SaveCheckpoint(p), "seed.ckpt");
    }
}
