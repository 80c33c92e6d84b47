using System.Net.Http.Json;
using System.Text.Json;

namespace Basin.Serve.Tests.TestSupport;

/// <summary>One real server (Kestrel on a free loopback port) for a test class, with a runs directory holding a real checkpoint and an unreadable one.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServeApp App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string RunsDirectory { get; } = Path.Combine(Path.GetTempPath(), $"basin-serve-runs-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RunsDirectory);
        var checkpoint = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "runs"), "*.ckpt").Order().First();
        File.Copy(checkpoint, Path.Combine(RunsDirectory, "real.ckpt"));
        File.WriteAllBytes(Path.Combine(RunsDirectory, "broken.ckpt"), [1, 2, 3]);
        App = ServeApp.Create(new ServeOptions(Port: 0, RunsDirectory: RunsDirectory, EvaluationCount: 20));
        await App.StartAsync();
        // A long 100-continue wait: a client that asks for the go-ahead must not give up and send the body while a loaded
        // server is still deciding to refuse it (the default is 1 s).
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) };
        Client = new HttpClient(handler) { BaseAddress = App.Address, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        Directory.Delete(RunsDirectory, recursive: true);
    }

    /// <summary>The pixels of MNIST test image <paramref name="index"/> when the split is cached, else a drawn "7" prepared like MNIST.</summary>
    public async Task<(float[] Pixels, int? Label)> DigitAsync(int index = 0)
    {
        var r = await Client.GetAsync($"api/testimage?index={index}");
        if (!r.IsSuccessStatusCode) return (Basin.Data.Images.MnistPreparation.Prepare(Drawing.SevenPng(300, 300)), 7);
        var doc = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (doc.GetProperty("pixels").EnumerateArray().Select(v => v.GetSingle()).ToArray(), doc.GetProperty("label").GetInt32());
    }

    /// <summary>The checkout's root (the folder with Basin.sln).</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Basin.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("Basin.sln not found above the test assembly.");
    }
}
