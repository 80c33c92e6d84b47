using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Dynamics;
using Basin.Serve.Api;
using Basin.Serve.Art;
using Basin.Serve.Flow;
using Basin.Serve.Models;
using Basin.Serve.Runs;
using Basin.Stability.Attacks;
using Basin.Studies.Dfsa;
using Basin.Tensors.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Basin.Serve;

/// <summary>
/// <c>basin serve</c>: the web app and its JSON API on 127.0.0.1 (Kestrel, ASP.NET Core from the shared framework).
/// The pages (embedded, <see cref="StaticAssets"/>) and scripts use the same API, documented in this project's README:
/// <c>GET /api/models</c>, <c>GET /api/meta</c>, <c>GET /api/testimage</c>, <c>POST /api/classify</c>, <c>POST /api/attack</c>,
/// <c>GET /api/model</c>, <c>GET /api/runs</c>, <c>GET /api/art</c>. Every refused request gets a 4xx and <c>{"error": …}</c>;
/// an unexpected failure a 500 with one line and no stack trace; the server keeps serving either way.
/// </summary>
public sealed class ServeApp : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonOutput.Options) { WriteIndented = false };
    private readonly WebApplication _app;

    private ServeApp(WebApplication app) => _app = app;

    /// <summary>The address the server listens on (known after <see cref="StartAsync"/>), e.g. http://127.0.0.1:8080/.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds the app for <paramref name="options"/> (not started).</summary>
    public static ServeApp Create(ServeOptions options)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var models = new ModelRegistry(options.ModelsDirectory);
        var flow = new FlowService(options.Slots);
        var attacks = new ImageAttackService(flow);
        var report = new ModelReport(options.EvaluationCount);
        var runs = new RunsService(options.RunsDirectory);
        var art = new ArtService(options.Slots);
        app.Use(async (ctx, next) =>
        {
            try { await next(ctx); }
            catch (Exception e) when (!ctx.Response.HasStarted)
            {
                var (status, message) = e switch
                {
                    ApiException a => (a.Status, a.Message),
                    BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413 ? $"the body exceeds the limit of {options.MaxBodyBytes} bytes." : b.Message),
                    OperationCanceledException when ctx.RequestAborted.IsCancellationRequested => (499, "the request was cancelled."),
                    _ => (500, $"internal error ({e.GetType().Name}): {e.Message.Split('\n')[0]}"),
                };
                ctx.Response.Clear();
                ctx.Response.StatusCode = status;
                await ctx.Response.WriteAsJsonAsync(new JsonObject { ["error"] = message }, Json);
            }
        });
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/api/models", () => Results.Json(models.List().Select(m =>
        {
            var s = models.Get(m.Name);
            return new JsonObject { ["name"] = s.Name, ["dataset"] = s.Dataset, ["n"] = s.N, ["k"] = s.K, ["test_images"] = TestImages.TryLoad(s.Dataset, s.N)?.Count ?? 0 };
        }).ToArray(), Json));
        app.MapGet("/api/meta", () => Results.Json(new JsonObject
        {
            ["solvers"] = new JsonArray([.. ButcherTableau.Names.Select(n => (JsonNode?)n)]),
            ["attacks"] = new JsonArray([.. AttackCatalogue.All.Where(a => a.Kind != AttackKind.Transfer)
                .Select(a => (JsonNode?)new JsonObject { ["name"] = a.Name, ["norm"] = a.Norm == Norm.L2 ? "l2" : "linf", ["minimal"] = a.MinimalNorm, ["description"] = a.Description })]),
            ["palettes"] = new JsonArray([.. ArtSheet.Palettes.Select(p => (JsonNode?)p)]),
            ["max_body_bytes"] = options.MaxBodyBytes, ["max_steps"] = FlowSettings.MaxSteps,
        }, Json));
        app.MapGet("/api/testimage", (string? model, string? index) =>
        {
            var m = models.Get(model);
            var data = TestImages.TryLoad(m.Dataset, m.N) ?? throw ApiException.NotFound($"the {m.Dataset} test split is not in the data cache (basin data fetch {m.Dataset}).");
            int i = RequestReader.Int(index, 0);
            if (i < 0 || i >= data.Count) throw ApiException.NotFound($"index {i} is outside the {data.Count} test images.");
            return Results.Json(new JsonObject
            {
                ["model"] = m.Name, ["index"] = i, ["label"] = data.Labels[i], ["class_name"] = ClassNames.Of(m.Dataset, data.Labels[i]),
                ["pixels"] = JsonSerializer.SerializeToNode(data.Image(i).ToArray()),
            }, Json);
        });
        app.MapPost("/api/classify", async (HttpRequest req, CancellationToken ct) =>
        {
            var r = await RequestReader.ReadAsync(req, models, options.MaxBodyBytes, ct);
            return Results.Json(await flow.ClassifyAsync(r.Model, r.Pixels, r.Settings, ct), Json);
        });
        app.MapPost("/api/attack", async (HttpRequest req, CancellationToken ct) =>
        {
            var r = await RequestReader.ReadAsync(req, models, options.MaxBodyBytes, ct);
            var clean = await flow.ClassifyAsync(r.Model, r.Pixels, r.Settings, ct);
            var result = await attacks.AttackAsync(r.Model, r.Pixels, r.Attack ?? "pgd-margin-linf", r.Eps, r.Settings, r.Seed, ct);
            return Results.Json(new { clean, attack = result }, Json);
        });
        app.MapGet("/api/model", async (string? name, CancellationToken ct) =>
        {
            var m = models.Get(name);
            return Results.Json(await Task.Run(() => report.For(m), ct), Json);
        });
        app.MapGet("/api/runs", () => Results.Json(runs.List(), Json));
        app.MapGet("/api/art", async (HttpRequest req, CancellationToken ct) =>
        {
            var q = req.Query;
            var r = new ArtRequest((ulong)Math.Max(0, RequestReader.Int(q["seed"], 1)), q["palette"].FirstOrDefault() ?? "rgb", RequestReader.Double(q["entropy"], 0),
                q["letters"].FirstOrDefault()?.ToUpperInvariant(), RequestReader.Int(q["size"], 192));
            var png = await art.PngAsync(r, ct);
            return Results.File(png, "image/png", q["download"] == "1" ? $"basin-art-{r.Seed}-{r.Palette}.png" : null);
        });
        app.MapFallback((HttpContext ctx) => Results.Json(new JsonObject { ["error"] = $"no such resource: {ctx.Request.Method} {ctx.Request.Path}" }, Json, statusCode: 404));
        return new ServeApp(app);
    }

    private static IResult Asset(string name) =>
        StaticAssets.Read(name) is { } bytes ? Results.Bytes(bytes, StaticAssets.ContentType(name))
        : Results.Json(new JsonObject { ["error"] = $"no such asset: {name}" }, Json, statusCode: 404);

    /// <summary>Starts listening; <see cref="Address"/> then holds the bound address.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        await _app.StartAsync(cancel);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Runs until <paramref name="cancel"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel) => _app.WaitForShutdownAsync(cancel);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
