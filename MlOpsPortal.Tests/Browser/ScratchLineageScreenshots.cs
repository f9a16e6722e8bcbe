using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class ScratchLineageScreenshots(BrowserFixture browser)
{
    [Fact]
    public async Task Shoot()
    {
        await browser.App.Services.GetRequiredService<RegistryDemoData>().SeedAsync();
        foreach (var seeder in browser.App.Services.GetServices<MlOpsPortal.Infrastructure.Data.IDemoSeeder>().Where(s => s is DeploymentsDemoData))
        {
            await seeder.SeedAsync();
        }

        var graph = await browser.App.Services.GetRequiredService<Lineage>().GetVersionLineageAsync("churn-model", 4);
        File.WriteAllText("/tmp/lineage-shots/graph.txt", string.Join("\n", graph!.Nodes.Select(n => $"{n.Id} | {n.Label} | {n.Detail}")));
        foreach (var (w, h) in new[] { (1366, 900), (390, 844) })
        {
            var page = await browser.NewPageAsync(w, h);
            await page.SignInAsync(Personas.Contributor, "/models/churn-model/versions/4");
            await page.WaitForLiveAsync();
            var lineage = page.GetByTestId("lineage");
            await lineage.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/lineage-shots/version-{w}.png", FullPage = false });
            await lineage.ScreenshotAsync(new LocatorScreenshotOptions { Path = $"/tmp/lineage-shots/version-{w}-lineage.png" });
            await page.GetByTestId("lineage-zoom-in").ClickAsync();
            await page.GetByTestId("lineage-zoom-in").ClickAsync();
            await lineage.ScreenshotAsync(new LocatorScreenshotOptions { Path = $"/tmp/lineage-shots/version-{w}-zoomed.png" });
            await page.GotoAsync("/datasets/customer-transactions/versions/" + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.WaitForLiveAsync();
            await page.GetByTestId("lineage").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/lineage-shots/dataset-{w}.png", FullPage = true });
            await page.Context.CloseAsync();
        }
    }
}
