using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>A report on screen: what it says, the files behind it, and who may not see it at all.</summary>
public sealed class ReportPageTests : ReportsComponentContext
{
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderReport(Persona persona, int id) =>
        Render<ReportPage>(persona, new Dictionary<string, object?> { ["Id"] = id });

    [Fact]
    public async Task An_executive_reads_the_sections_their_sentences_figures_tables_and_definitions()
    {
        var id = await SampleReports.AddSucceededAsync(Services, ReportKind.Executive);

        var page = RenderReport(Personas.Executive, id);

        page.WaitForElement("[data-testid=section-inventory]");
        Assert.Equal("Executive report", page.Find("[data-testid=report-title]").TextContent);
        Assert.Contains("3 of 42 production models need attention", page.Find("[data-testid=report-headline]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 Oct 2026 – 31 Oct 2026", page.Find("[data-testid=report-period]").TextContent, StringComparison.Ordinal);
        var inventory = page.Find("[data-testid=section-inventory]");
        Assert.Equal("42 models run in production, 5 of them high risk.", inventory.QuerySelector("[data-testid=section-lead]")!.TextContent);
        Assert.Equal(["42", "5"], inventory.QuerySelectorAll("[data-testid=figure-value]").Select(e => e.TextContent));
        Assert.Single(inventory.QuerySelectorAll("[data-testid=report-chart]"));
        var cells = page.FindAll("[data-testid=table-models-by-unit] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToArray();
        Assert.Equal(["Retail", "1,234", "12.5 %", "2026-10-20"], cells[0]);
        Assert.Equal(["Risk", "8", "100 %", string.Empty], cells[1]);
        Assert.Contains("text-align: right", page.Find("[data-testid=table-models-by-unit] tbody td:nth-child(2)").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("No production model lacks an owner.", page.Find("[data-testid=section-gaps] [data-testid=section-lead]").TextContent);
        Assert.Equal("Every model has an owner.", page.Find("[data-testid=table-no-owner] [data-testid=table-empty]").TextContent);
        Assert.Contains("A model with an approved deployment running in production", page.Find("[data-testid=report-definitions]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_files_are_plain_links_to_the_download_api_with_a_csv_per_table()
    {
        var id = await SampleReports.AddSucceededAsync(Services, ReportKind.Executive);

        var page = RenderReport(Personas.Executive, id);

        page.WaitForElement("[data-testid=section-inventory]");
        var header = page.Find("[data-testid=report-header]");
        Assert.Equal($"/api/v1/reports/{id}/download?format=pdf", header.QuerySelector("[data-testid=download-pdf]")!.GetAttribute("href"));
        Assert.Equal($"/api/v1/reports/{id}/download?format=xlsx", header.QuerySelector("[data-testid=download-xlsx]")!.GetAttribute("href"));
        Assert.Equal($"/api/v1/reports/{id}/download?format=csv", header.QuerySelector("[data-testid=download-csv]")!.GetAttribute("href"));
        Assert.Equal($"/api/v1/reports/{id}/download?format=csv&table=models-by-unit", page.Find("[data-testid=csv-models-by-unit]").GetAttribute("href"));
        var sha = await SampleReports.ShaOfAsync(Services, id);
        Assert.Equal(sha, page.Find("[data-testid=report-sha]").TextContent);
    }

    [Fact]
    public async Task A_usage_report_shows_pseudonyms_until_an_executive_asks_for_names_which_is_audited()
    {
        await Services.RecordSignInsAsync(Personas.Contributor);
        var pseudonym = Services.GetRequiredService<ReportPseudonyms>().Of(Personas.Contributor.Id);
        var usage = SampleReports.Document(ReportKind.Usage);
        var active = new ReportSection("people", "Active people", "1 person used the portal.", [], [],
            [new ReportTable("most-active", "Most active people", [new ReportColumn("Person", ReportColumnType.Text), new ReportColumn("Active days", ReportColumnType.Count)],
                [[ReportCell.Of(pseudonym), ReportCell.Of(12)]])]);
        var id = await SampleReports.AddSucceededAsync(Services, ReportKind.Usage, content: usage with { Sections = [active] });

        var page = RenderReport(Personas.Executive, id);

        page.WaitForElement("[data-testid=table-most-active]");
        Assert.Contains(pseudonym, page.Find("[data-testid=table-most-active]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Personas.Contributor.Name, page.Markup, StringComparison.Ordinal);
        page.Find("[data-testid=reveal-names]").Click();
        page.WaitForAssertion(() => Assert.Contains(Personas.Contributor.Name, page.Find("[data-testid=table-most-active]").TextContent, StringComparison.Ordinal));
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var audited = await db.AuditEvents.CountAsync(e => e.Action == "report.names-revealed" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task A_business_viewer_finds_no_executive_report()
    {
        var id = await SampleReports.AddSucceededAsync(Services, ReportKind.Executive);

        var page = RenderReport(Personas.Business, id);

        page.WaitForElement("[data-testid=report-not-found]");
        Assert.DoesNotContain("3 of 42", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=download-pdf]"));
    }

    [Fact]
    public async Task An_auditor_finds_no_executive_report()
    {
        var executive = await SampleReports.AddSucceededAsync(Services, ReportKind.Executive);

        var page = RenderReport(Personas.Auditor, executive);

        page.WaitForElement("[data-testid=report-not-found]");
    }

    [Fact]
    public async Task An_auditor_opens_the_security_audit_report()
    {
        var audit = await SampleReports.AddSucceededAsync(Services, ReportKind.SecurityAudit);

        var page = RenderReport(Personas.Auditor, audit);

        page.WaitForElement("[data-testid=section-inventory]");
        Assert.Equal("Security audit report", page.Find("[data-testid=report-title]").TextContent);
    }

    [Fact]
    public async Task A_report_being_generated_shows_its_progress_then_its_content_once_finished()
    {
        var id = await SampleReports.AddUnfinishedAsync(Services, ReportKind.Usage, ReportState.Running, 40, Clock.GetUtcNow().UtcDateTime);
        var page = RenderReport(Personas.Executive, id);
        page.WaitForAssertion(() => Assert.Contains("Generating: 40 % done.", page.Find("[data-testid=report-generating]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=download-pdf]"));

        await SampleReports.FinishAsync(Services, id);
        Clock.Advance(ReportPoller.Interval);

        page.WaitForElement("[data-testid=section-inventory]");
        Assert.Empty(page.FindAll("[data-testid=report-generating]"));
        Assert.Equal("Succeeded", page.Find("[data-testid=report-state]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task A_failed_report_says_why()
    {
        var id = await SampleReports.AddUnfinishedAsync(Services, ReportKind.Usage, ReportState.Failed, 10, Clock.GetUtcNow().UtcDateTime);

        var page = RenderReport(Personas.Executive, id);

        page.WaitForAssertion(() => Assert.Contains("The usage counts could not be read.", page.Find("[data-testid=report-failed]").TextContent, StringComparison.Ordinal));
    }
}
