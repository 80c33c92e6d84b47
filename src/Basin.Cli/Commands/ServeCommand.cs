using System.CommandLine;
using Basin.Data.Images;
using Basin.Serve;
using Basin.Serve.Load;
using Basin.Serve.Models;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin serve [--port 8080] [--models DIR] [--runs DIR]</c>: the local web app on 127.0.0.1 (<see cref="ServeApp"/>);
/// with <c>--selftest-load</c>, starts it on a free loopback port, fires the load test (<see cref="LoadTest"/>) at it, prints
/// the figures and exits.
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1.", DefaultValueFactory = _ => 8080 };
        var models = new Option<string?>("--models") { Description = "Directory of SA-nODE *.safetensors offered next to pretrained:mnist and pretrained:fashion." };
        var runs = new Option<string?>("--runs") { Description = "Directory of training checkpoints (*.ckpt) whose learning curves the Runs page shows, refreshed live." };
        var selftest = new Option<bool>("--selftest-load") { Description = "Start on a free port, fire --requests POST /api/classify with --concurrency in flight, report p50/p99/RPS, exit." };
        var concurrency = new Option<int>("--concurrency") { Description = "Load test: requests in flight at once.", DefaultValueFactory = _ => 200 };
        var requests = new Option<int>("--requests") { Description = "Load test: requests in all.", DefaultValueFactory = _ => 400 };
        var steps = new Option<int>("--steps") { Description = "Load test: integration steps per request (T = steps × 0.1).", DefaultValueFactory = _ => 200 };
        var json = CommonOptions.Json();
        var cmd = new Command("serve", "Serve the web app (classify, attack, model, runs, art) and its JSON API on 127.0.0.1; works offline.")
            { port, models, runs, selftest, concurrency, requests, steps, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            bool load = p.GetValue(selftest);
            var options = new ServeOptions(load ? 0 : p.GetValue(port), p.GetValue(models), p.GetValue(runs));
            return Run(options, load ? new LoadTestOptions(p.GetValue(concurrency), p.GetValue(requests), Steps: p.GetValue(steps)) : null, p.GetValue(json), ct)
                .GetAwaiter().GetResult();
        });
        return cmd;
    }

    private static async Task<int> Run(ServeOptions options, LoadTestOptions? load, bool json, CancellationToken ct)
    {
        await using var app = ServeApp.Create(options);
        await app.StartAsync(ct);
        if (load is null)
        {
            Console.WriteLine($"basin serve: {app.Address} (Ctrl+C to stop)");
            try { await app.WaitForShutdownAsync(ct); } catch (OperationCanceledException) { }
            return 0;
        }
        var pixels = TestImages.TryLoad("mnist", 784) is { } data ? data.Image(0).ToArray() : SyntheticOne();
        await LoadTest.RunAsync(app.Address, load with { Requests = Math.Min(load.Requests, load.Concurrency) }, pixels, ct);   // warm-up: JIT, runners
        var r = await LoadTest.RunAsync(app.Address, load, pixels, ct);
        if (json) JsonPrinter.Print(System.Text.Json.JsonSerializer.SerializeToNode(r, Basin.Tensors.IO.JsonOutput.Options)!);
        else
            Console.WriteLine($"{r.Requests} POST /api/classify ({r.Concurrency} concurrent, T = {r.Steps * 0.1:G4}, {Environment.ProcessorCount} cores): " +
                $"{r.Errors} errors, p50 {r.P50Ms:F0} ms, p99 {r.P99Ms:F0} ms, max {r.MaxMs:F0} ms, {r.RequestsPerSecond:F1} requests/s" +
                (r.FirstError is { } e ? $" (first error: {e})" : ""));
        return r.Errors == 0 ? 0 : CommandAction.Failure;
    }

    /// <summary>A "1" (a dark bar on white paper) prepared like MNIST: the load test's input when no MNIST test split is cached.</summary>
    private static float[] SyntheticOne()
    {
        var px = new float[100 * 100];
        for (int y = 0; y < 100; y++) for (int x = 0; x < 100; x++) px[y * 100 + x] = x is >= 45 and < 55 && y is >= 15 and < 85 ? 0f : 1f;
        return MnistPreparation.Prepare(new GrayImage(px, 100, 100));
    }
}
