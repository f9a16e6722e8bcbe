using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed partial class IncidentTests(BrowserFixture browser)
{
    [Fact]
    public async Task Support_works_the_P1_a_failing_report_raised_from_the_queue_to_resolution_and_a_business_viewer_only_reads_it()
    {
        // A High-risk model whose data quality check fails (no current sample): the report raises a signal, and the
        // portal's signal processor turns it into a P1 on its own.
        var services = browser.App.Services;
        var model = await QualityTestData.CreateModelAsync(services, "incident");
        var runs = services.GetRequiredService<CheckRuns>();
        var run = await runs.RequestRunAsync(Personas.Support, model, 1, ["data_quality"], CheckRunTrigger.Manual);
        // The portal's job server runs the check.
        var report = (await QualityTestData.EventuallyAsync(async () => (await runs.GetRunAsync(run.Id)) is { ReportId: not null } done ? done : null,
            $"check run {run.Id}", 60)).ReportId!.Value;
        var incidents = services.GetRequiredService<IncidentsService>();
        var raised = await QualityTestData.EventuallyAsync(
            async () => (await incidents.ListAsync(new IncidentQuery(Model: model))).Items.SingleOrDefault(), $"the incident raised for {model}", 30);
        Assert.Equal((IncidentPriority.P1, IncidentSource.QualityReport), (raised.Priority, raised.Source));

        var sam = await browser.NewPageAsync();
        await sam.SignInAsync(Personas.Support, IncidentLinks.Overview);
        var before = await IncidentCountsAsync(sam);

        // The queue: not Sam's yet, so it is under Unassigned.
        await sam.GotoAsync(IncidentLinks.Queue);
        await sam.WaitForLiveAsync();
        await sam.GetByTestId("view-unassigned").ClickAsync();
        var row = sam.Locator("tr").Filter(new() { Has = sam.GetByTestId("incident-link").GetByText(raised.Number) });
        await Assertions.Expect(row).ToContainTextAsync("P1");
        await Assertions.Expect(row).ToContainTextAsync(model);
        await BrowserFixture.SaveScreenshotAsync(sam, "incident-queue");
        await row.GetByTestId("incident-link").ClickAsync();
        await Assertions.Expect(sam).ToHaveURLAsync(new Regex($"/incidents/{raised.Number}$"));
        await Assertions.Expect(sam.GetByTestId("source-link")).ToHaveAttributeAsync("href", QualityLinks.Report(report));

        // Acknowledge: the response clock is met and the incident is Sam's.
        await sam.GetByTestId("action-acknowledge").ClickAsync();
        await Assertions.Expect(sam.GetByTestId("incident-state").First).ToHaveTextAsync("In progress");
        await Assertions.Expect(sam.GetByTestId("incident-assignee")).ToContainTextAsync("Sam Support");
        await Assertions.Expect(Clock(sam, "Response")).ToHaveAttributeAsync("data-stage", "Achieved");

        // On hold, waiting for data: the resolution clock stops.
        await sam.GetByTestId("action-hold").ClickAsync();
        await sam.ChooseAsync("hold-reason", "Awaiting data");
        await sam.GetByTestId("hold-note").FillAsync("Waiting for the feed team to re-send yesterday's rows.");
        await sam.GetByTestId("confirm-hold").ClickAsync();
        await Assertions.Expect(sam.GetByTestId("incident-state").First).ToHaveTextAsync("On hold");
        await Assertions.Expect(Clock(sam, "Resolution")).ToHaveAttributeAsync("data-stage", "Paused");
        await Assertions.Expect(Clock(sam, "Resolution").GetByTestId("sla-remaining")).ToContainTextAsync("Paused while on hold");
        await BrowserFixture.SaveScreenshotAsync(sam, "incident-on-hold");

        // Resumed and resolved with a code.
        await sam.GetByTestId("action-resume").ClickAsync();
        await Assertions.Expect(sam.GetByTestId("incident-state").First).ToHaveTextAsync("In progress");
        await sam.GetByTestId("action-resolve").ClickAsync();
        await sam.ChooseAsync("resolution-code", "Data corrected");
        await sam.GetByTestId("resolution-notes").FillAsync("The feed team re-sent the rows; the data quality check passes.");
        await sam.GetByTestId("confirm-resolve").ClickAsync();
        await Assertions.Expect(sam.GetByTestId("incident-state").First).ToHaveTextAsync("Resolved");
        await Assertions.Expect(Clock(sam, "Resolution")).ToHaveAttributeAsync("data-stage", "Achieved");
        await Assertions.Expect(sam.GetByTestId("timeline")).ToContainTextAsync("Resolved (DataCorrected)");

        // The overview counts it: one more acknowledged and one more resolved incident in MTTA and MTTR.
        await sam.GotoAsync(IncidentLinks.Overview);
        await sam.WaitForLiveAsync();
        await Assertions.Expect(sam.GetByTestId("mttr")).ToContainTextAsync($"over {before.Resolved + 1} incident");
        await Assertions.Expect(sam.GetByTestId("mtta")).ToContainTextAsync($"over {before.Acknowledged + 1} incident");

        // A business viewer reads the same incident, and can do nothing to it.
        var bea = await browser.NewPageAsync();
        await bea.SignInAsync(Personas.Business, IncidentLinks.Incident(raised.Number));
        await Assertions.Expect(bea.GetByTestId("incident-state").First).ToHaveTextAsync("Resolved");
        await Assertions.Expect(bea.GetByTestId("timeline")).ToContainTextAsync("Acknowledged");
        await Assertions.Expect(bea.Locator("[data-testid^='action-']")).ToHaveCountAsync(0);
        await Assertions.Expect(bea.GetByTestId("comment-input")).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(bea, "incident-read-only");
    }

    private static ILocator Clock(IPage page, string target) => page.Locator($"[data-testid='sla-clock'][data-target='{target}']");

    /// <summary>How many incidents of the last 30 days MTTA and MTTR are over, read from the overview's cards (0 on the empty state).</summary>
    private static async Task<(int Acknowledged, int Resolved)> IncidentCountsAsync(IPage page)
    {
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.GetByTestId("figures").Or(page.GetByTestId("empty"))).ToBeVisibleAsync();
        if (await page.GetByTestId("figures").CountAsync() == 0)
        {
            return (0, 0);
        }

        return (Over(await page.GetByTestId("mtta").InnerTextAsync()), Over(await page.GetByTestId("mttr").InnerTextAsync()));
    }

    private static int Over(string card) => OverCount().Match(card) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"over (\d+) incident")]
    private static partial Regex OverCount();
}
