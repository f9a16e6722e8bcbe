using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// Issue 14 in two browsers: an executive lands on their home, generates the executive report, reads it and downloads
/// its PDF and XLSX (byte for byte what the archive lists); an auditor downloads the security audit and is kept out of
/// the executive report.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class ReportsBrowserTests(BrowserFixture browser)
{
    private static readonly TimeSpan Generation = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_executive_reads_and_downloads_the_executive_report_and_an_auditor_the_security_audit()
    {
        var executive = await browser.NewPageAsync();
        await executive.SignInAsync(Personas.Executive);
        await Assertions.Expect(executive.GetByTestId("latest-reports")).ToBeVisibleAsync();
        await Assertions.Expect(executive.GetByTestId("executive-summary")).ToBeVisibleAsync();

        var executiveId = await GenerateAsync(executive, "Executive report");
        await Assertions.Expect(executive.GetByTestId("report-title")).ToHaveTextAsync("Executive report");
        await Assertions.Expect(executive.Locator("[data-testid^='section-'] [data-testid='section-lead']").First).ToBeVisibleAsync();
        Assert.True(await executive.Locator("[data-testid^='section-'][id]").CountAsync() >= 5, "the executive report has its sections");
        await BrowserFixture.SaveScreenshotAsync(executive, "report-executive");

        var listed = await FilesAsync(executive, executiveId);
        var pdf = await DownloadAsync(executive, "download-pdf");
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Equal(listed["pdf"], Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var xlsx = await DownloadAsync(executive, "download-xlsx");
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]);
        Assert.Equal(listed["xlsx"], Convert.ToHexStringLower(SHA256.HashData(xlsx)));

        // Back home, the new report heads the latest ones.
        await executive.GotoAsync("/");
        await executive.WaitForLiveAsync();
        await Assertions.Expect(executive.GetByTestId("latest-report").First).ToHaveAttributeAsync("data-id", executiveId.ToString(CultureInfo.InvariantCulture));
        await executive.Context.CloseAsync();

        var auditor = await browser.NewPageAsync();
        await auditor.SignInAsync(Personas.Auditor, "/reports");
        var auditId = await GenerateAsync(auditor, "Security audit report");
        await Assertions.Expect(auditor.GetByTestId("report-title")).ToHaveTextAsync("Security audit report");
        var auditPdf = await DownloadAsync(auditor, "download-pdf");
        Assert.Equal("%PDF"u8.ToArray(), auditPdf[..4]);
        Assert.Equal((await FilesAsync(auditor, auditId))["pdf"], Convert.ToHexStringLower(SHA256.HashData(auditPdf)));

        await auditor.GotoAsync($"/reports/{executiveId}");
        await Assertions.Expect(auditor.GetByTestId("report-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(auditor.GetByTestId("download-pdf")).ToHaveCountAsync(0);
        await auditor.Context.CloseAsync();
    }

    /// <summary>Generates a report of the kind the dialog offers first (or was opened for) over the last 30 days; its id, once its page shows.</summary>
    private static async Task<int> GenerateAsync(IPage page, string kind)
    {
        await page.GetByTestId("generate-report").ClickAsync();
        await Assertions.Expect(page.GetByTestId("generate-kind")).ToContainTextAsync(kind);
        await page.GetByTestId("generate-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ReportUrl(), new() { Timeout = (float)Generation.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("report-state")).ToHaveAttributeAsync("data-state", "Succeeded");
        return int.Parse(ReportUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-header").GetByTestId(testId).ClickAsync());
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    /// <summary>The SHA-256 of each archived file as the API lists it, read with the page's own sign-in cookie.</summary>
    private static async Task<Dictionary<string, string>> FilesAsync(IPage page, int id)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/v1/reports/{id}");
        Assert.True(response.Ok, $"GET /api/v1/reports/{id} answered {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("sha256").GetString() is { Length: > 0 })
            .ToDictionary(f => f.GetProperty("format").GetString()!, f => f.GetProperty("sha256").GetString()!);
    }

    [GeneratedRegex(@"/reports/(?<id>\d+)$")]
    private static partial Regex ReportUrl();
}
