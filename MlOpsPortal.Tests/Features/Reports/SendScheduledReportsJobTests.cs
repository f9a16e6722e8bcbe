using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The 15-minute job: due runs become one archived report each, announced to the subscriber, and the schedule moves on.</summary>
public sealed class SendScheduledReportsJobTests : ScheduledReportsTestContext
{
    [Fact]
    public async Task A_due_subscription_makes_one_scheduled_report_for_the_month_before_and_tells_the_subscriber()
    {
        var subscription = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Executive, ReportCadence.Monthly, null, 1, new TimeOnly(8, 0), "Europe/Berlin", null);
        Assert.Equal(Utc("2027-03-01T07:00:00Z"), subscription.NextRunUtc);

        Assert.Equal(0, (await Job().RunAsync(CancellationToken.None)).Generated);
        At("2027-03-01T07:10:00Z");
        var run = await Job().RunAsync(CancellationToken.None);

        Assert.Equal(new ScheduledReportsRun(Generated: 1, Mailed: 0, Skipped: 0, Failed: 0), run);
        var report = Assert.Single(await ReportsAsync());
        Assert.Equal((ReportKind.Executive, ReportState.Succeeded, ReportTrigger.Schedule, subscription.Id, Personas.Executive.Id),
            (report.Kind, report.State, report.Trigger, report.SubscriptionId, report.RequestedById));
        Assert.Equal((Utc("2027-02-01T00:00:00Z"), Utc("2027-03-01T00:00:00Z")), (report.FromUtc, report.ToUtc));
        Assert.Equal("28 days from 2027-02-01 to 2027-02-28", report.Headline);
        var notice = Assert.Single(await DbAsync(db => db.Notifications.Where(n => n.RecipientId == Personas.Executive.Id).ToListAsync()));
        Assert.Equal(ReportLinks.Report(report.Id), notice.Link);
        var moved = await SubscriptionAsync(subscription.Id);
        // April's 08:00 in Berlin is summer time: 06:00 UTC.
        Assert.Equal((Utc("2027-04-01T06:00:00Z"), (DateTime?)Now), (moved.NextRunUtc, moved.LastRunUtc));
    }

    [Fact]
    public async Task Running_the_job_twice_or_two_jobs_at_once_makes_one_report_and_one_notice()
    {
        var subscription = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(7, 0), "Etc/UTC", null);
        At("2027-03-01T07:00:00Z");

        await Task.WhenAll(Job().RunAsync(CancellationToken.None), Job().RunAsync(CancellationToken.None));
        var again = await Job().RunAsync(CancellationToken.None);

        Assert.Equal(0, again.Generated);
        var report = Assert.Single(await ReportsAsync());
        Assert.Equal((ReportState.Succeeded, $"subscription:{subscription.Id}:202703010700"), (report.State, report.DedupKey));
        Assert.Equal(1, await DbAsync(db => db.Notifications.CountAsync(n => n.RecipientId == Personas.Executive.Id)));
        Assert.Equal(1, await DbAsync(db => db.ReportFiles.CountAsync(f => f.ReportId == report.Id && f.Format == "pdf")));
        Assert.Equal(Utc("2027-03-08T07:00:00Z"), (await SubscriptionAsync(subscription.Id)).NextRunUtc);
    }

    [Fact]
    public async Task A_subscriber_who_lost_the_role_gets_no_report_and_the_skip_is_audited_once()
    {
        var leaving = Personas.Custom("test-exec-leaving", "Lea Leaving", PortalRoles.ExecutiveViewer);
        await Services.RecordSignInsAsync(leaving);
        var subscription = await Subscriptions.SubscribeAsync(leaving, ReportKind.Executive, ReportCadence.Weekly, DayOfWeek.Friday, null, new TimeOnly(9, 0), "Etc/UTC", null);
        // Entra no longer assigns the role: the next sign-in carries none.
        await Services.RecordSignInsAsync(Personas.Custom(leaving.Id, leaving.Name));
        At("2027-02-26T09:00:00Z");

        var first = await Job().RunAsync(CancellationToken.None);
        var second = await Job().RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first.Skipped, first.Generated));
        Assert.Equal(0, second.Skipped);
        Assert.Empty(await ReportsAsync());
        Assert.Equal(1, await AuditCountAsync(SendScheduledReportsJob.SkippedAction));
        var moved = await SubscriptionAsync(subscription.Id);
        Assert.Equal((Utc("2027-03-05T09:00:00Z"), (DateTime?)null), (moved.NextRunUtc, moved.LastRunUtc));
    }

    [Fact]
    public async Task Across_month_ends_each_last_day_run_reports_the_month_before()
    {
        var subscription = await Subscriptions.SubscribeAsync(Personas.Auditor, ReportKind.SecurityAudit, ReportCadence.Monthly, null, ReportSchedule.LastDayOfMonth,
            new TimeOnly(9, 0), "Europe/Berlin", null);
        var runs = new List<DateTime>();

        for (var i = 0; i < 3; i++)
        {
            var due = (await SubscriptionAsync(subscription.Id)).NextRunUtc;
            runs.Add(due);
            Clock.SetUtcNow(new DateTimeOffset(due, TimeSpan.Zero).AddMinutes(14));
            Assert.Equal(1, (await Job().RunAsync(CancellationToken.None)).Generated);
        }

        // 09:00 in Berlin: winter time (UTC+1) in February, summer time (UTC+2) from 28 March.
        Assert.Equal([Utc("2027-02-28T08:00:00Z"), Utc("2027-03-31T07:00:00Z"), Utc("2027-04-30T07:00:00Z")], runs);
        Assert.Equal(
            ["2027-01-01..2027-01-31", "2027-02-01..2027-02-28", "2027-03-01..2027-03-31"],
            (await ReportsAsync()).Select(r => $"{r.FromUtc:yyyy-MM-dd}..{r.ToUtc.AddDays(-1):yyyy-MM-dd}"));
        Assert.Equal(Utc("2027-05-31T07:00:00Z"), (await SubscriptionAsync(subscription.Id)).NextRunUtc);
    }

    [Fact]
    public async Task After_an_outage_only_the_latest_due_run_is_generated()
    {
        var subscription = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(6, 0), "Etc/UTC", null);
        At("2027-03-24T12:00:00Z"); // three Mondays later

        var run = await Job().RunAsync(CancellationToken.None);

        Assert.Equal(1, run.Generated);
        var report = Assert.Single(await ReportsAsync());
        Assert.Equal((Utc("2027-03-15T00:00:00Z"), Utc("2027-03-22T00:00:00Z")), (report.FromUtc, report.ToUtc));
        Assert.Equal(Utc("2027-03-29T06:00:00Z"), (await SubscriptionAsync(subscription.Id)).NextRunUtc);
    }

    [Fact]
    public async Task A_cancelled_subscription_is_not_run()
    {
        var subscription = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(6, 0), "Etc/UTC", null);
        await Subscriptions.CancelAsync(Personas.Executive, subscription.Id);
        At("2027-03-01T06:00:00Z");

        Assert.Equal(new ScheduledReportsRun(0, 0, 0, 0), await Job().RunAsync(CancellationToken.None));
        Assert.Empty(await ReportsAsync());
    }

    private static DateTime Utc(string instant) => DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
