using Bunit;
using Microsoft.AspNetCore.Components;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The subscriptions page: what a person without a report role sees, subscribing in the browser's zone, and cancelling after confirming.</summary>
public sealed class ReportSubscriptionsPageTests : ScheduledReportsTestContext, IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        bunit.UsePortalServices(Services, Clock, typeof(ReportSubscriptions), typeof(ReportsService));
    }

    public override async Task DisposeAsync()
    {
        await bunit.DisposeAsync();
        await base.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    [Fact]
    public void Someone_without_a_report_role_is_told_so_and_gets_no_form()
    {
        var page = bunit.RenderAs<ReportSubscriptionsPage>(Personas.Business);

        page.WaitForElement("[data-testid=no-report-roles]");
        Assert.Empty(page.FindAll("[data-testid=subscribe-form]"));
        Assert.NotEmpty(page.FindAll("[data-testid=no-subscriptions]"));
    }

    [Fact]
    public async Task An_executive_subscribes_in_the_browsers_zone_and_cancels_after_confirming()
    {
        var page = bunit.RenderAs<ReportSubscriptionsPage>(Personas.Executive);
        // bUnit's browser reports no zone, which the portal reads as UTC.
        page.WaitForAssertion(() => Assert.Equal("UTC", page.Input("subscribe-zone").GetAttribute("value")));
        Assert.Contains(Personas.Executive.Email, page.Find("[data-testid=subscribe-form]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=subscribe]").Click();

        page.WaitForElement("[data-testid=subscriptions]");
        var row = page.Find("[data-testid=subscriptions] tbody tr");
        Assert.Contains("Usage report", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("every Monday at 08:00 (UTC)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2027-03-01 08:00", row.TextContent, StringComparison.Ordinal);
        var saved = Assert.Single(await Subscriptions.ListMineAsync(Personas.Executive));

        page.Find("[data-testid=cancel-subscription]").Click();
        var confirm = page.WaitForElement(".mud-dialog button:last-child");
        Assert.Contains("Cancel subscription", confirm.TextContent, StringComparison.Ordinal);
        confirm.Click();

        page.WaitForElement("[data-testid=no-subscriptions]");
        Assert.False((await SubscriptionAsync(saved.Id)).Active);
    }

    [Fact]
    public void A_malformed_address_is_shown_under_the_e_mail_field()
    {
        var page = bunit.RenderAs<ReportSubscriptionsPage>(Personas.Executive);
        page.WaitForAssertion(() => Assert.Equal("UTC", page.Input("subscribe-zone").GetAttribute("value")));

        page.Input("subscribe-email").Change("eve at contoso");
        page.Find("[data-testid=subscribe]").Click();

        page.WaitForAssertion(() => Assert.Contains("is not an e-mail address", page.Find("[data-testid=subscribe-form]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll("[data-testid=no-subscriptions]"));
    }
}
