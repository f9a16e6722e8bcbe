using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// An administrator runs an access review in the browser, denies the approver who has not signed in for 45 days and
/// finishes the review; the approver, signed in meanwhile with the page open, loses it. A portal of its own, so that
/// nobody else's sign-ins make the approver active again.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessReviewRunTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new()
    {
        UseTestAuthentication = false, Settings = { ["Auth:CircuitRevalidationSeconds"] = "2" },
    };

    public Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    public void Dispose() => app.Dispose();

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task An_admin_denies_the_inactive_approver_in_a_review_and_the_approver_is_refused_on_the_next_action()
    {
        var arun = Personas.Approver;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.AddAuditEvent(AuditActor.From(arun), "auth.sign-in", "User", arun.Id, new { roles = arun.Roles }).OccurredAtUtc = DateTime.UtcNow.AddDays(-45);
            await db.SaveChangesAsync();
        }

        var admin = await NewPageAsync();
        await admin.SignInAsync(Personas.Admin, "/access/reviews");
        await admin.GetByTestId("start-review").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Approvers, December");
        await admin.GetByTestId("start").ClickAsync();
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "Arun Approver" });
        await Assertions.Expect(row.GetByTestId("item-recommendation")).ToHaveTextAsync("Deny");
        await Assertions.Expect(row).ToContainTextAsync("No sign-in for 45 days");

        var approver = await NewPageAsync();
        await approver.SignInAsync(arun, "/deployments/approvals");
        await Assertions.Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "Approvals", Exact = true })).ToBeVisibleAsync();

        await row.GetByTestId("deny").ClickAsync();
        await admin.GetByTestId("decision-justification").FillAsync("Has not signed in since October; approvals go to Bo.");
        await admin.GetByTestId("confirm-decision").ClickAsync();
        await Assertions.Expect(row.GetByTestId("item-decision")).ToContainTextAsync("Deny");
        await admin.GetByTestId("finish-now").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Finish now" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("item-result")).ToHaveTextAsync("Removed");
        await BrowserFixture.SaveScreenshotAsync(admin, "access-review-finished");

        // The approver's open page loses the role without any click; the next navigation is refused as well.
        await Assertions.Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        await approver.ReloadAsync();
        await Assertions.Expect(approver.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        await admin.Context.CloseAsync();
        await approver.Context.CloseAsync();
    }
}
