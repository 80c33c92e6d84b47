namespace Basin.Serve;

/// <summary>How <c>basin serve</c> runs.</summary>
/// <param name="Port">TCP port on 127.0.0.1; 0 picks a free one (tests).</param>
/// <param name="ModelsDirectory">Directory whose SA-nODE <c>*.safetensors</c> files are offered next to pretrained:mnist and pretrained:fashion.</param>
/// <param name="RunsDirectory">Directory whose training checkpoints (<c>*.ckpt</c>) the Runs page plots.</param>
/// <param name="MaxBodyBytes">Largest request body; larger ones get 413.</param>
/// <param name="ComputeSlots">Requests integrating at the same time (the rest wait): one per core by default.</param>
/// <param name="EvaluationCount">Test images of the model page's per-class table and horizon study.</param>
public sealed record ServeOptions(int Port = 8080, string? ModelsDirectory = null, string? RunsDirectory = null, long MaxBodyBytes = 2 * 1024 * 1024,
    int ComputeSlots = 0, int EvaluationCount = 200)
{
    /// <summary>Throws for values out of range.</summary>
    public ServeOptions Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port {Port} must be in [0, 65535].");
        if (ModelsDirectory != null && !Directory.Exists(ModelsDirectory)) throw new DirectoryNotFoundException($"--models '{ModelsDirectory}' is not a directory.");
        if (RunsDirectory != null && !Directory.Exists(RunsDirectory)) throw new DirectoryNotFoundException($"--runs '{RunsDirectory}' is not a directory.");
        if (MaxBodyBytes < 1024) throw new ArgumentException("the body limit must be at least 1 KiB.");
        if (EvaluationCount is < 1 or > 10000) throw new ArgumentException($"evaluation count {EvaluationCount} must be in [1, 10000].");
        return this;
    }

    /// <summary>Compute slots in effect.</summary>
    public int Slots => ComputeSlots > 0 ? ComputeSlots : Math.Max(1, Environment.ProcessorCount);
}
