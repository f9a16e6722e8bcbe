using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class QualityReportTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1366, 860)]
    [InlineData(390, 844)]
    public async Task A_stakeholder_finds_a_failed_report_sees_what_drifted_and_downloads_it(int width, int height)
    {
        var (model, reportId, sha) = await SeedFailingReportAsync();
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(Personas.Business, "/quality/reports");

        await page.GetByTestId("filter-status").Locator("select").SelectOptionAsync("Fail");
        var link = page.GetByTestId("report-link").Filter(new() { HasText = $"#{reportId}" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("reports-grid")).Not.ToContainTextAsync("Pass");
        await page.GetByTestId("filter-model").Locator("select").SelectOptionAsync(model);
        await Assertions.Expect(page.GetByTestId("reports-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("reports-grid")).ToContainTextAsync(model);
        await BrowserFixture.SaveScreenshotAsync(page, $"quality-reports-{width}");
        await link.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/quality/reports/{reportId}$"));
        await Assertions.Expect(page.GetByTestId("report-sha")).ToHaveTextAsync(sha);
        await Assertions.Expect(page.GetByTestId("report-status")).ToContainTextAsync("Fail");
        var features = page.GetByTestId("features-data_drift");
        var income = features.Locator("tr[data-feature='income']");
        await Assertions.Expect(income).ToHaveAttributeAsync("data-drifted", "true");
        await Assertions.Expect(income).ToContainTextAsync("Kolmogorov–Smirnov p = ");
        await Assertions.Expect(income).ToContainTextAsync("< 0.05");
        await Assertions.Expect(features.Locator("tr[data-feature='tenure']")).ToHaveAttributeAsync("data-drifted", "false");
        await Assertions.Expect(page.Locator("[data-testid^='distribution-']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='distribution-income'] svg")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        await BrowserFixture.SaveScreenshotAsync(page, $"quality-report-{width}");
        Assert.False(overflow, $"the report page scrolls sideways at {width}px");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-html").ClickAsync());
        var html = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.EndsWith(".html", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(sha, html, StringComparison.Ordinal);
        Assert.Contains("income", html, StringComparison.Ordinal);
        Assert.Contains(model, html, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_support_engineer_runs_the_checks_now_and_follows_the_progress_to_the_new_report()
    {
        var (model, earlier, _) = await SeedFailingReportAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Support, $"/models/{model}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Quality" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("suite-schedule")).ToContainTextAsync("Not scheduled");
        // Support may run checks but not configure them.
        await Assertions.Expect(page.GetByTestId("edit-suite")).ToHaveCountAsync(0);

        await page.GetByTestId("run-now").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-progress")).ToBeVisibleAsync();
        var link = page.GetByTestId("run-report");
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var id = int.Parse((await link.TextContentAsync())!.Replace("report #", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(earlier, id);
        await Assertions.Expect(page.GetByTestId("quality-panel").Locator($"a[href='/quality/reports/{id}']")).ToHaveCountAsync(2);
        await BrowserFixture.SaveScreenshotAsync(page, "quality-run-now");

        await link.ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-header")).ToContainTextAsync($"Quality report #{id}");
        // The whole suite ran this time, not only the drift check of the earlier report.
        await Assertions.Expect(page.Locator("[data-testid^='verdict-']")).ToHaveCountAsync(CheckKinds.All.Count);
        await page.Context.CloseAsync();
    }

    /// <summary>A model whose current income sample moved far from the reference, and the Fail report of its drift check.</summary>
    private async Task<(string Model, int ReportId, string Sha)> SeedFailingReportAsync()
    {
        var services = browser.App.Services;
        var model = await QualityTestData.CreateModelAsync(services, "browser-drift");
        var samples = services.GetRequiredService<QualitySamples>();
        var runs = services.GetRequiredService<CheckRuns>();
        var reference = new SampleTable(["income", "tenure"],
            [[.. Enumerable.Range(0, 300).Select(i => (i % 100).ToString(System.Globalization.CultureInfo.InvariantCulture))],
             [.. Enumerable.Range(0, 300).Select(i => (i % 37).ToString(System.Globalization.CultureInfo.InvariantCulture))]]);
        var current = new SampleTable(["income", "tenure"],
            [[.. Enumerable.Range(0, 300).Select(i => (70 + (i % 100)).ToString(System.Globalization.CultureInfo.InvariantCulture))],
             [.. Enumerable.Range(0, 300).Select(i => (i % 37).ToString(System.Globalization.CultureInfo.InvariantCulture))]]);
        await samples.UploadSampleAsync(Personas.Contributor, model, 1, SampleRole.Reference, reference);
        await samples.UploadSampleAsync(Personas.Contributor, model, 1, SampleRole.Current, current);
        var run = await runs.RequestRunAsync(Personas.Contributor, model, 1, ["data_drift"], CheckRunTrigger.Api);
        var finished = await QualityTestData.EventuallyAsync<CheckRunView>(
            async () => await runs.GetRunAsync(run.Id) is { State: CheckRunState.Succeeded or CheckRunState.Failed } r ? r : null, $"run {run.Id}");
        Assert.Equal(CheckRunState.Succeeded, finished.State);
        var report = (await services.GetRequiredService<QualityReports>().GetReportAsync(finished.ReportId!.Value))!;
        Assert.Equal(QualityStatus.Fail, report.Status);
        return (model, report.Id, report.Sha256);
    }
}
