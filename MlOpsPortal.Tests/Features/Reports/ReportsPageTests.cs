using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;
using MudBlazor;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The archive: what each role finds in it, filters kept in the address, and generating a report from it.</summary>
public sealed class ReportsPageTests : ReportsComponentContext
{
    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private static string[] Kinds(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page) =>
        [.. page.FindAll("[data-testid=report-row]").Select(r => r.GetAttribute("data-kind")!)];

    [Fact]
    public async Task An_auditor_sees_only_security_audit_reports()
    {
        await SampleReports.AddSucceededAsync(Services, ReportKind.Executive, Now.AddHours(-3));
        await SampleReports.AddSucceededAsync(Services, ReportKind.Usage, Now.AddHours(-2));
        var audit = await SampleReports.AddSucceededAsync(Services, ReportKind.SecurityAudit, Now.AddHours(-1));

        var page = Render<ReportsPage>(Personas.Auditor, url: "/reports");

        page.WaitForAssertion(() => Assert.Equal(["security-audit"], Kinds(page)));
        Assert.Equal(audit.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=report-row]").GetAttribute("data-id"));
    }

    [Fact]
    public async Task An_executive_sees_usage_and_executive_reports_newest_first_with_hash_and_files()
    {
        var usage = await SampleReports.AddSucceededAsync(Services, ReportKind.Usage, Now.AddHours(-2));
        var executive = await SampleReports.AddSucceededAsync(Services, ReportKind.Executive, Now.AddHours(-1));
        await SampleReports.AddSucceededAsync(Services, ReportKind.SecurityAudit, Now);

        var page = Render<ReportsPage>(Personas.Executive, url: "/reports");

        page.WaitForAssertion(() => Assert.Equal(["executive", "usage"], Kinds(page)));
        var first = page.FindAll("[data-testid=report-row]")[0].ParentElement!;
        Assert.Equal(await SampleReports.ShaOfAsync(Services, executive), first.QuerySelector("[data-testid=report-sha]")!.GetAttribute("data-sha"));
        Assert.Equal($"/api/v1/reports/{executive}/download?format=pdf", first.QuerySelector("[data-testid=download-pdf]")!.GetAttribute("href"));
        Assert.Equal($"/api/v1/reports/{executive}/download?format=xlsx", first.QuerySelector("[data-testid=download-xlsx]")!.GetAttribute("href"));
        Assert.Equal($"/reports/{usage}", page.FindAll("[data-testid=report-link]")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task The_filters_come_from_the_address()
    {
        await SampleReports.AddSucceededAsync(Services, ReportKind.Executive, Now.AddHours(-3));
        var september = await SampleReports.AddSucceededAsync(Services, ReportKind.Usage, Now.AddHours(-2),
            new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        var october = await SampleReports.AddSucceededAsync(Services, ReportKind.Usage, Now.AddHours(-1));

        var page = Render<ReportsPage>(Personas.Executive, url: "/reports?kind=usage&from=2026-10-01");

        page.WaitForAssertion(() => Assert.Equal(["usage"], Kinds(page)));
        Assert.Equal(october.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=report-row]").GetAttribute("data-id"));
        Assert.NotEqual(september, october);
        Assert.Equal("Usage report", page.Find("[data-testid=filter-kind]").TextContent);
        Assert.Equal("2026-10-01", page.Input("filter-from").GetAttribute("value"));
    }

    [Fact]
    public async Task Nothing_matching_the_filters_says_so()
    {
        await SampleReports.AddSucceededAsync(Services, ReportKind.Executive, Now.AddHours(-3));

        var page = Render<ReportsPage>(Personas.Executive, url: "/reports?kind=usage");

        page.WaitForAssertion(() => Assert.Contains("No report matches these filters.", page.Find("[data-testid=no-reports]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_person_without_a_report_role_is_told_which_role_to_ask_for()
    {
        var page = Render<ReportsPage>(Personas.Business, url: "/reports");

        page.WaitForElement("[data-testid=reports-not-allowed]");
        Assert.Equal(RoleToRequest.Link(PortalRoles.ExecutiveViewer, "/reports"), page.Find("[data-testid=request-executive]").GetAttribute("href"));
        Assert.Equal(RoleToRequest.Link(PortalRoles.ComplianceAuditor, "/reports"), page.Find("[data-testid=request-auditor]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=generate-report]"));
        Assert.Empty(page.FindAll("[data-testid=reports-table]"));
    }

    [Fact]
    public async Task A_report_being_generated_shows_its_progress_in_the_archive()
    {
        await SampleReports.AddUnfinishedAsync(Services, ReportKind.Executive, ReportState.Running, 40, Now);

        var page = Render<ReportsPage>(Personas.Executive, url: "/reports");

        page.WaitForAssertion(() => Assert.Equal("Running", page.Find("[data-testid=report-state]").GetAttribute("data-state")));
        Assert.Equal("Executive report: 40 % done", page.Find("[data-testid=report-progress]").GetAttribute("aria-label"));
        Assert.Empty(page.FindAll("[data-testid=download-pdf]"));
    }

    [Fact]
    public async Task Generating_refuses_a_period_ending_after_today_next_to_the_field_then_follows_the_report_to_its_page()
    {
        var page = Render<ReportsPage>(Personas.Executive, url: "/reports");
        page.WaitForElement("[data-testid=generate-report]").Click();
        var period = page.WaitForComponent<MudSelect<int>>();
        await page.InvokeAsync(() => period.Instance.ValueChanged.InvokeAsync(0));
        var pickers = page.FindComponents<MudDatePicker>().Where(p => p.Instance.Label is "From" or "To (included)").ToList();
        await page.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(Now.Date.AddDays(3)));

        page.Find("[data-testid=generate-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("cannot end after today", page.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync());

        await page.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(Now.Date));
        page.Find("[data-testid=generate-submit]").Click();
        page.WaitForElement("[data-testid=generate-progress]");
        var id = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext().Reports.Select(r => r.Id).SingleAsync();

        await SampleReports.FinishAsync(Services, id);
        Clock.Advance(ReportPoller.Interval);

        page.WaitForAssertion(() => Assert.EndsWith($"/reports/{id}", Navigation.Uri, StringComparison.Ordinal));
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Reports.CountAsync();
    }
}
