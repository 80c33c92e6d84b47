using Basin.Serve.Tests.TestSupport;
using Microsoft.Playwright;

namespace Basin.Serve.Tests.Browser;

/// <summary>
/// The web app in a real browser: Playwright for .NET driving Debian's Chromium (headless, no network services, a fresh
/// profile). Draws a stroke on the canvas and reads the class, opens every page, fails on any console error or uncaught
/// exception, and saves a screenshot of each page to $BASIN_SCREENSHOTS (docs/ when refreshing the README's pictures) or a
/// temporary folder.
/// </summary>
public class BrowserTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-quic", "--disable-sync",
    ];

    [ChromiumFact]
    public async Task EveryPageWorksWithoutConsoleErrors()
    {
        var shots = Environment.GetEnvironmentVariable("BASIN_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "basin-serve-screenshots");
        Directory.CreateDirectory(shots);
        var profile = Path.Combine(Path.GetTempPath(), $"basin-chromium-{Guid.NewGuid():N}");
        using var playwright = await Playwright.CreateAsync();
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = Flags,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        try
        {
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add($"console: {m.Text}"); };
            page.PageError += (_, e) => errors.Add($"page error: {e}");
            page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url}");

            await page.GotoAsync(server.App.Address + "#classify");
            await page.WaitForFunctionAsync("document.querySelectorAll('#c-model option').length > 0");
            // A "1": one vertical stroke on the 280×280 pad.
            var pad = (await page.Locator("#pad").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(pad.X + pad.Width * 0.52f, pad.Y + pad.Height * 0.15f);
            await page.Mouse.DownAsync();
            for (int i = 1; i <= 20; i++) await page.Mouse.MoveAsync(pad.X + pad.Width * (0.52f - 0.004f * i), pad.Y + pad.Height * (0.15f + 0.035f * i));
            await page.Mouse.UpAsync();
            await page.ClickAsync("#c-draw");
            await page.WaitForSelectorAsync("#c-class");
            Assert.Equal("1", await page.TextContentAsync("#c-class"));
            Assert.True(await page.Locator("#c-chart polyline").CountAsync() == 10);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "serve-classify.png"), FullPage = true });

            await page.ClickAsync("nav a[data-page=attack]");
            await page.CheckAsync("#a-last");
            await page.FillAsync("#a-eps", "0.2");
            await page.FillAsync("#a-steps", "55");
            await page.ClickAsync("#a-run");
            await page.WaitForSelectorAsync("#a-class");
            Assert.Contains("smallest ε", await page.TextContentAsync("#a-result"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "serve-attack.png"), FullPage = true });

            await page.ClickAsync("nav a[data-page=model]");
            await page.WaitForFunctionAsync("document.querySelectorAll('#m-cert tr').length > 5 && document.querySelectorAll('#m-spec circle').length > 0");
            Assert.Contains("yes", await page.TextContentAsync("#m-cert"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "serve-model.png"), FullPage = true });

            await page.ClickAsync("nav a[data-page=runs]");
            await page.WaitForFunctionAsync("document.querySelectorAll('#r-list .card').length >= 2");
            Assert.Contains("real.ckpt", await page.TextContentAsync("#r-list"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "serve-runs.png"), FullPage = true });

            await page.ClickAsync("nav a[data-page=art]");
            await page.WaitForFunctionAsync("(() => { const i = document.getElementById('g-image'); return i.complete && i.naturalWidth === 256 && [...document.querySelectorAll('#g-gallery img')].every(g => g.complete && g.naturalWidth > 0); })()");
            Assert.Contains("download=1", await page.GetAttributeAsync("#g-download", "href"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "serve-art.png"), FullPage = true });

            Assert.Empty(errors);
            Assert.Empty(await page.Locator("#status.error").AllTextContentsAsync());
        }
        finally
        {
            await context.CloseAsync();
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
