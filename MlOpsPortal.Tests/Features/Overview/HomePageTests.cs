using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Overview;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Overview;

/// <summary>Where executives and administrators land: the portfolio summary and latest reports, the portal's health. Other roles: <see cref="HomeByRoleTests"/>.</summary>
public sealed class HomePageTests : ReportsComponentContext
{
    private static readonly Persona ExecutiveAdmin = Personas.Custom("test-exec-admin", "Bo Both", PortalRoles.ExecutiveViewer, PortalRoles.Admin);

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task An_executive_lands_on_the_five_newest_reports_they_may_read()
    {
        var ids = new List<int>();
        for (var i = 6; i >= 1; i--)
        {
            ids.Add(await SampleReports.AddSucceededAsync(Services, i % 2 == 0 ? ReportKind.Executive : ReportKind.Usage, Now.AddDays(-i)));
        }

        await SampleReports.AddSucceededAsync(Services, ReportKind.SecurityAudit, Now);
        await SampleReports.AddUnfinishedAsync(Services, ReportKind.Executive, ReportState.Failed, 10, Now);

        var page = Render<HomePage>(Personas.Executive, url: "/");

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=latest-report]").Count));
        var shown = page.FindAll("[data-testid=latest-report]").Select(e => int.Parse(e.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Reverse(ids).Take(5), shown);
        var newest = page.FindAll("[data-testid=latest-report]")[0];
        Assert.Equal($"/reports/{ids[^1]}", newest.QuerySelector("[data-testid=latest-report-link]")!.GetAttribute("href"));
        Assert.Equal($"/api/v1/reports/{ids[^1]}/download?format=pdf", newest.QuerySelector("[data-testid=download-pdf]")!.GetAttribute("href"));
        Assert.Equal($"/api/v1/reports/{ids[^1]}/download?format=xlsx", newest.QuerySelector("[data-testid=download-xlsx]")!.GetAttribute("href"));
        Assert.NotEmpty(page.FindAll("[data-testid=generate-report]"));
        Assert.Empty(page.FindAll("[data-testid=cpu-chart]"));
    }

    [Fact]
    public void An_executive_without_models_in_production_is_told_so_with_a_link_to_the_portfolio()
    {
        var page = Render<HomePage>(Personas.Executive, url: "/");

        page.WaitForAssertion(() => Assert.Equal("No model runs in production through the portal yet.", page.Find("[data-testid=portfolio-sentence]").TextContent));
        Assert.Equal("0", page.Find("[data-testid=tile-in-production]").TextContent);
        Assert.Equal("/portfolio", page.Find("[data-testid=portfolio-link]").GetAttribute("href"));
        Assert.NotNull(page.Find("[data-testid=no-reports]"));
    }

    [Fact]
    public void An_administrator_keeps_the_portal_health()
    {
        var page = Render<HomePage>(Personas.Admin, url: "/");

        page.WaitForElement("[data-testid=cpu-chart]");
        Assert.Empty(page.FindAll("[data-testid=executive-summary]"));
        page.WaitForAssertion(() => Assert.Equal("No access request waits for a decision.", page.Find("[data-testid=home-access-requests-lead]").TextContent));
        Assert.Equal("No access review is running.", page.Find("[data-testid=home-access-reviews-lead]").TextContent);
    }

    [Fact]
    public async Task An_administrator_sees_the_access_requests_and_the_running_reviews_that_wait_for_them()
    {
        await Services.RecordSignInsAsync(Personas.NoRole, Personas.Contributor);
        var request = await Services.GetRequiredService<AccessRequests>()
            .SubmitAsync(Personas.NoRole, new AccessRequestInput(PortalRoles.DeploymentsApprover, "I approve the churn team's releases from January.", 30));
        var review = await Services.GetRequiredService<AccessReviews>()
            .StartAsync(Personas.Admin, new AccessReviewInput("Contributors, Q4", [PortalRoles.ModelsContributor], ReviewerChoice.Administrators, null, 14));

        var page = Render<HomePage>(Personas.Admin, url: "/");

        page.WaitForAssertion(() => Assert.Equal("1 waiting for a decision, oldest first.", page.Find("[data-testid=home-access-requests-lead]").TextContent));
        Assert.Equal(AccessLinks.Request(request.Id), page.Find("[data-testid=home-access-list] a").GetAttribute("href"));
        Assert.Equal($"1 running, the nearest due first; {review.ItemCount} decisions still open.", page.Find("[data-testid=home-access-reviews-lead]").TextContent);
        var listed = page.Find("[data-testid=home-review-list] a");
        Assert.Equal(AccessLinks.Review(review.Id), listed.GetAttribute("href"));
        Assert.Contains($"Contributors, Q4: 0 of {review.ItemCount} decided", listed.TextContent, StringComparison.Ordinal);
        Assert.Equal("What needs you today.", page.Find("[data-testid=home-lead]").TextContent);
    }

    [Fact]
    public void Someone_with_both_roles_sees_both()
    {
        var page = Render<HomePage>(ExecutiveAdmin, url: "/");

        page.WaitForElement("[data-testid=cpu-chart]");
        page.WaitForElement("[data-testid=latest-reports]");
    }

    [Fact]
    public void Someone_without_a_role_is_told_what_they_may_read_and_where_to_request_a_role()
    {
        var page = Render<HomePage>(Personas.Newcomer, url: "/");

        var notice = page.WaitForElement("[data-testid=home-no-role]");
        Assert.Contains("You can read the registry, dashboards, quality reports, deployments and incidents", string.Join(' ', notice.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(AccessLinks.NewRequest(null), page.Find("[data-testid=home-request-access]").GetAttribute("href"));
    }
}
