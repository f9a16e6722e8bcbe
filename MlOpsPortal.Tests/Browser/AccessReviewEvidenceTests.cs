using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>The auditor takes a review's evidence away from its page, in both formats, and opens it.</summary>
[Collection(BrowserTests.Name)]
public sealed class AccessReviewEvidenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_auditor_downloads_the_review_evidence_as_xlsx_and_csv_and_opens_it()
    {
        var services = browser.App.Services;
        // The review's population is read from sign-ins: these two, whatever else the other browser tests signed in.
        await services.RecordSignInsAsync(Personas.Contributor, Personas.Approver);

        var reviews = services.GetRequiredService<AccessReviews>();
        var review = await reviews.StartAsync(Personas.Admin, new AccessReviewInput(
            $"Evidence {Guid.NewGuid().ToString("N")[..6]}", [PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover], ReviewerChoice.SupportEngineers,
            null, 14, ReviewDefault.NoChange, 0));
        var items = (await reviews.GetAsync(Personas.Admin, review.Id)).Items;
        var dana = items.Single(i => i.PersonId == Personas.Contributor.Id && i.Role == PortalRoles.ModelsContributor);
        Assert.Contains(items, i => i.PersonId == Personas.Approver.Id && i.Role == PortalRoles.DeploymentsApprover);
        await reviews.DecideAsync(Personas.Support, dana.Id, ReviewDecision.Approve, "Ships the fraud models every week.", dana.Revision);

        var aldo = await browser.NewPageAsync();
        await aldo.SignInAsync(Personas.Auditor, AccessLinks.Review(review.Id));
        await Assertions.Expect(aldo.GetByRole(AriaRole.Heading, new() { Name = review.Name })).ToBeVisibleAsync();
        await Assertions.Expect(aldo.GetByTestId("review-items")).ToContainTextAsync("Dana Scientist");
        await BrowserFixture.SaveScreenshotAsync(aldo, "access-review-evidence");

        var xlsxPath = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.xlsx");
        var csvPath = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.csv");
        try
        {
            var xlsxDownload = await aldo.RunAndWaitForDownloadAsync(() => aldo.GetByTestId("evidence-xlsx").ClickAsync());
            Assert.Equal($"access-review-{review.Id}-{review.StartedAtUtc:yyyy-MM-dd}.xlsx", xlsxDownload.SuggestedFilename);
            await xlsxDownload.SaveAsAsync(xlsxPath);
            Assert.Equal(["Items", "Review"], MiniExcel.GetSheetNames(xlsxPath));
            var rows = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "Items").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(AccessReviewEvidence.Columns, rows[0].Keys);
            var danaRow = Assert.Single(rows, r => (string?)r["person"] == "Dana Scientist");
            Assert.Equal(
                (PortalRoles.ModelsContributor, "Sam Support", "Approve", "Ships the fraud models every week."),
                ((string?)danaRow["role"], (string?)danaRow["reviewer"], (string?)danaRow["decision"], (string?)danaRow["justification"]));
            var arunRow = Assert.Single(rows, r => (string?)r["person"] == "Arun Approver");
            Assert.Equal(PortalRoles.DeploymentsApprover, (string?)arunRow["role"]);
            Assert.True(string.IsNullOrEmpty(arunRow["decision"] as string));
            Assert.All(rows, r => Assert.Contains((string?)r["role"], new[] { PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover }));

            var csvDownload = await aldo.RunAndWaitForDownloadAsync(() => aldo.GetByTestId("evidence-csv").ClickAsync());
            Assert.Equal($"access-review-{review.Id}-{review.StartedAtUtc:yyyy-MM-dd}.csv", csvDownload.SuggestedFilename);
            await csvDownload.SaveAsAsync(csvPath);
            var lines = (await File.ReadAllTextAsync(csvPath)).Split(CsvText.LineEnd, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(string.Join(',', AccessReviewEvidence.Columns), lines[0]);
            Assert.Equal(rows.Count, lines.Length - 1);
            Assert.Single(lines, l => l.StartsWith($"{review.Id},Dana Scientist,{Personas.Contributor.Email},{PortalRoles.ModelsContributor},", StringComparison.Ordinal)
                && l.Contains(",Sam Support,Approve,false,Ships the fraud models every week.,", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"{review.Id},Arun Approver,{Personas.Approver.Email},{PortalRoles.DeploymentsApprover},", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(xlsxPath);
            File.Delete(csvPath);
        }

        await aldo.Context.CloseAsync();
    }
}
