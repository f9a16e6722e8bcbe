using Microsoft.Playwright;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

public sealed class ScratchShots
{
    [Fact]
    public async Task Shots()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var paths = (Environment.GetEnvironmentVariable("SHOT_PATHS") ?? "dev-admin=/").Split(';');
        var widths = (Environment.GetEnvironmentVariable("SHOT_WIDTHS") ?? "1366").Split(',').Select(int.Parse);
        foreach (var width in widths)
        {
            foreach (var entry in paths)
            {
                var (persona, path) = (entry.Split('=')[0], entry.Split('=', 2)[1]);
                var context = await browser.NewContextAsync(new() { BaseURL = "http://127.0.0.1:5299", ViewportSize = new() { Width = width, Height = width > 500 ? 860 : 844 } });
                context.SetDefaultTimeout(60_000);
                var page = await context.NewPageAsync();
                await page.SignInAsync(Personas.Find(persona)!, path);
                await page.WaitForTimeoutAsync(4000);
                var name = $"{persona}{path.Replace('/', '_').Replace('?', '_').Replace('=', '-').Replace('&', '-')}-{width}";
                await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{name}.png", FullPage = true });
                await context.CloseAsync();
            }
        }
    }
}
