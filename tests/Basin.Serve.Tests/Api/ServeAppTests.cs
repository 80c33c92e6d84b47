using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Basin.Serve.Tests.TestSupport;

namespace Basin.Serve.Tests.Api;

public class ServeAppTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>POSTs <paramref name="content"/>; with <paramref name="expectContinue"/> the body waits for the server's
    /// go-ahead, so a refusal (413) arrives before the body is sent rather than racing a connection the server closes.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, HttpContent content, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (expectContinue) request.Headers.ExpectContinue = true;
        using var r = await Client.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", r.Content.Headers.ContentType?.MediaType);
        return (r.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task ModelsListsThePretrainedModels()
    {
        var models = await Client.GetFromJsonAsync<JsonElement>("api/models");
        var mnist = models.EnumerateArray().First(m => m.GetProperty("name").GetString() == "pretrained:mnist");
        Assert.Equal(("mnist", 784, 10), (mnist.GetProperty("dataset").GetString(), mnist.GetProperty("n").GetInt32(), mnist.GetProperty("k").GetInt32()));
    }

    [Fact]
    public async Task ClassifyPixelsAnswersTheClassOverlapsAndFrames()
    {
        var (pixels, label) = await server.DigitAsync(0);
        var (status, r) = await Post("api/classify", Json(JsonSerializer.Serialize(new { model = "pretrained:mnist", pixels, frames = 5 })));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(label, r.GetProperty("class").GetInt32());
        Assert.True(r.GetProperty("settled").GetBoolean());
        Assert.Equal(10, r.GetProperty("overlaps").GetArrayLength());
        Assert.True(r.GetProperty("sign_overlap").GetDouble() >= 0.95);
        var frames = r.GetProperty("frames");
        Assert.Equal(5, frames.GetArrayLength());
        Assert.Equal(0, frames[0].GetProperty("t").GetDouble());
        Assert.Equal(20, frames[4].GetProperty("t").GetDouble(), 6);
        Assert.Equal(784, frames[4].GetProperty("pixels").GetArrayLength());
        Assert.Equal(pixels[200], frames[0].GetProperty("pixels")[200].GetSingle(), 3);
    }

    [Fact]
    public async Task AnUploadedDrawingIsPreparedAndClassified()
    {
        var png = new ByteArrayContent(Drawing.SevenPng(300, 420));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var (status, r) = await Post("api/classify?frames=2", png);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, r.GetProperty("class").GetInt32());
        Assert.Equal(0f, r.GetProperty("input")[0].GetSingle());                       // light paper inverted to MNIST's black
        var b64 = Convert.ToBase64String(Drawing.SevenPng(200, 200));
        var (s2, r2) = await Post("api/classify", Json($$"""{"image": "data:image/png;base64,{{b64}}", "frames": 2}"""));
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(7, r2.GetProperty("class").GetInt32());
    }

    [Theory]
    [InlineData("""{"pixels": [0.1, 0.2]}""", 400, "784")]
    [InlineData("""{"pixels": [NaN]}""", 400, "JSON")]
    [InlineData("""{"pixels": "x"}""", 400, "array")]
    [InlineData("""{"model": "nope", "pixels": []}""", 404, "unknown model")]
    [InlineData("""{"steps": 0, "pixels": []}""", 400, "784")]
    [InlineData("""not json""", 400, "JSON")]
    [InlineData("""{}""", 400, "pixels")]
    [InlineData("""{"image": "%%%"}""", 400, "base64")]
    public async Task BadJsonGetsA4xxWithAMessage(string body, int expected, string fragment)
    {
        var (status, r) = await Post("api/classify", Json(body));
        Assert.Equal(expected, (int)status);
        Assert.Contains(fragment, r.GetProperty("error").GetString());
    }

    [Fact]
    public async Task NaNPixelsStepsAndSolversAreRefused()
    {
        var px = string.Join(",", Enumerable.Repeat("0.5", 783).Append("1e999"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("api/classify", Json($$"""{"pixels": [{{px}}]}"""))).Status);
        var ok = string.Join(",", Enumerable.Repeat("0.5", 784));
        Assert.Contains("solver", (await Post("api/classify", Json($$"""{"pixels": [{{ok}}], "solver": "nope"}"""))).Body.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("steps", (await Post("api/classify", Json($$"""{"pixels": [{{ok}}], "steps": 99999}"""))).Body.GetProperty("error").GetString());
        var over = string.Join(",", Enumerable.Repeat("0.5", 783).Append("2"));
        Assert.Contains("[0, 1]", (await Post("api/classify", Json($$"""{"pixels": [{{over}}]}"""))).Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task NonImagesBlankImagesAndHugeBodiesAreRefusedAndTheServerKeepsServing()
    {
        var garbage = new ByteArrayContent([1, 2, 3, 4, 5, 6, 7, 8]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal((HttpStatusCode)415, (await Post("api/classify", garbage)).Status);
        var huge = new ByteArrayContent(new byte[3 * 1024 * 1024]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var (status, body) = await Post("api/classify", huge, expectContinue: true);
        Assert.Equal((HttpStatusCode)413, status);
        Assert.Contains("limit", body.GetProperty("error").GetString());
        using var blank = new SkiaSharp.SKBitmap(50, 50);
        blank.Erase(SkiaSharp.SKColors.White);
        var png = new ByteArrayContent(SkiaSharp.SKImage.FromBitmap(blank).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray());
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal((HttpStatusCode)422, (await Post("api/classify", png)).Status);
        using var unknown = await Client.GetAsync("api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("error", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("api/models")).StatusCode);
    }

    [Fact]
    public async Task AttackFlipsAtSomeBudgetAndReportsTheSmallest()
    {
        var (pixels, _) = await server.DigitAsync(0);
        var (status, r) = await Post("api/attack", Json(JsonSerializer.Serialize(new { pixels, attack = "pgd-margin-linf", eps = 0.2, steps = 55, frames = 2 })));
        Assert.Equal(HttpStatusCode.OK, status);
        var a = r.GetProperty("attack");
        Assert.True(a.GetProperty("flipped").GetBoolean());
        Assert.NotEqual(a.GetProperty("clean_class").GetInt32(), a.GetProperty("adversarial_class").GetInt32());
        double minimal = a.GetProperty("minimal_eps").GetDouble();
        Assert.InRange(minimal, 1e-4, 0.2);
        Assert.InRange(a.GetProperty("distance").GetDouble(), 0, 0.2 + 1e-6);
        Assert.Equal(784, a.GetProperty("perturbation").GetArrayLength());
        Assert.Equal(a.GetProperty("adversarial_class").GetInt32(), a.GetProperty("flow").GetProperty("class").GetInt32());
        var (bad, body) = await Post("api/attack", Json(JsonSerializer.Serialize(new { pixels, attack = "nope" })));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("fgsm-linf", body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("api/attack", Json(JsonSerializer.Serialize(new { pixels, eps = -1 })))).Status);
    }

    [Fact]
    public async Task RunsListsEveryCheckpointWithItsCurveOrItsError()
    {
        var runs = (await Client.GetFromJsonAsync<JsonElement>("api/runs")).EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.True(runs["real.ckpt"].GetProperty("epochs").GetArrayLength() > 0);
        Assert.True(runs["real.ckpt"].GetProperty("epochs")[0].GetProperty("train_h").GetDouble() > 0);
        Assert.True(runs["broken.ckpt"].TryGetProperty("error", out _));
        // A checkpoint written while the server runs appears on the next call (the Runs page polls every 3 s).
        Directory.CreateDirectory(Path.Combine(server.RunsDirectory, "later"));
        File.Copy(Path.Combine(server.RunsDirectory, "real.ckpt"), Path.Combine(server.RunsDirectory, "later", "run.ckpt"));
        var again = (await Client.GetFromJsonAsync<JsonElement>("api/runs")).EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToArray();
        Assert.Contains(Path.Combine("later", "run.ckpt"), again);
    }

    [Fact]
    public async Task PagesAndAssetsAreServedFromTheAssembly()
    {
        var index = await Client.GetStringAsync("/");
        Assert.Contains("/assets/app.js", index);
        Assert.DoesNotContain("http://", index.Replace("http://www.w3.org", ""));
        foreach (var name in new[] { "app.js", "app.css", "logo.svg" })
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/assets/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/assets/nope.js")).StatusCode);
        var meta = await Client.GetFromJsonAsync<JsonElement>("api/meta");
        Assert.Contains(meta.GetProperty("attacks").EnumerateArray(), a => a.GetProperty("name").GetString() == "pgd-margin-linf");
    }
}
