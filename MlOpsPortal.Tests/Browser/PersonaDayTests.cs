using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// Issue 15: each persona's day in Chromium, from sign-in on the home page their role gives them to the outcome of
/// what it asked them to do. (Dana's day, from a new model to an approvable request, is ContributorDayTests.)
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PersonaDayTests(BrowserFixture browser)
{
    private IServiceProvider Services => browser.App.Services;

    [Fact]
    public async Task An_approver_finds_the_request_on_the_home_page_approves_it_and_the_requester_is_told()
    {
        var key = await RegisterDocumentedAsync("day-approve");
        var request = await Services.GetRequiredService<DeploymentRequests>().CreateRequestAsync(Personas.Contributor.Principal,
            new DeploymentRequestInput(key, 1, "staging", "Ready for staging.", null));
        var arun = await browser.NewPageAsync();
        await arun.SignInAsync(Personas.Approver);

        var waiting = arun.GetByTestId("home-awaiting").Locator($"a[href='/deployments/{request.Id}']");
        await Assertions.Expect(waiting).ToContainTextAsync($"{key} v1 to staging, requested by Dana Scientist");
        await BrowserFixture.SaveScreenshotAsync(arun, "day-approver-home");
        await waiting.ClickAsync();
        await arun.GetByTestId("approve").ClickAsync();

        await Assertions.Expect(arun.GetByTestId("deployment-state").First).ToHaveTextAsync("Approved");
        var dana = await browser.NewPageAsync();
        await dana.SignInAsync(Personas.Contributor);
        await dana.GetByTestId("notifications").ClickAsync();
        await Assertions.Expect(dana.GetByTestId("notification").Filter(new() { HasText = $"Arun Approver approved your deployment of {key} v1 to staging (#{request.Id})" }))
            .ToHaveCountAsync(1);
        await arun.Context.CloseAsync();
        await dana.Context.CloseAsync();
    }

    [Fact]
    public async Task Support_takes_the_incident_nearest_its_sla_from_the_home_page()
    {
        var incident = await Services.GetRequiredService<IncidentsService>().CreateAsync(Personas.Contributor.Principal,
            new IncidentInput($"Scores missing {Guid.NewGuid():N}"[..22], "Since 09:00.", null, null, "production", Impact.High, Urgency.High));
        var sam = await browser.NewPageAsync();
        await sam.SignInAsync(Personas.Support);

        var row = sam.Locator($"[data-testid='home-incident-list'] tr[data-number='{incident.Number}']");
        await Assertions.Expect(row).ToContainTextAsync("response");
        await BrowserFixture.SaveScreenshotAsync(sam, "day-support-home");
        await row.GetByRole(AriaRole.Link, new() { Name = incident.Number }).ClickAsync();
        await sam.GetByTestId("action-acknowledge").ClickAsync();

        await Assertions.Expect(sam.GetByTestId("incident-state").First).ToHaveTextAsync("In progress");
        await Assertions.Expect(sam.GetByTestId("incident-assignee")).ToContainTextAsync("Sam Support");
        await sam.Context.CloseAsync();
    }

    [Fact]
    public async Task A_business_viewer_on_a_phone_stars_a_model_and_then_watches_its_health_at_home()
    {
        var key = await RegisterDocumentedAsync("day-follow");
        await SendAucAsync(key, 0.9);
        var bea = await browser.NewPageAsync(390, 844);
        await bea.SignInAsync(Personas.Business);
        await Assertions.Expect(bea.GetByTestId("home-followed")).ToBeVisibleAsync();

        await bea.GotoAsync(RegistryLinks.Model(key));
        await bea.WaitForLiveAsync();
        await bea.GetByTestId("follow-model").ClickAsync();
        await Assertions.Expect(bea.GetByRole(AriaRole.Button, new() { Name = $"Stop following {key}" })).ToBeVisibleAsync();
        await bea.GotoAsync("/");

        var row = bea.Locator($"[data-testid='followed-models'] tr[data-model='{key}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Critical");
        await Assertions.Expect(row).ToContainTextAsync("reports production metrics but has no approved deployment in production");
        var overflow = await bea.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the home page scrolls sideways on a phone");
        await BrowserFixture.SaveScreenshotAsync(bea, "day-business-phone-home");
        await bea.Context.CloseAsync();
    }

    [Fact]
    public async Task An_executive_sees_a_shadow_deployment_on_the_portfolio_and_why()
    {
        var key = await RegisterDocumentedAsync("day-shadow");
        await SendAucAsync(key, 0.9);
        var eve = await browser.NewPageAsync();
        await eve.SignInAsync(Personas.Executive);
        await Assertions.Expect(eve.GetByTestId("portfolio-sentence")).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(eve, "day-executive-home");

        await eve.GetByTestId("portfolio-link").ClickAsync();
        var row = eve.Locator("[data-testid='portfolio'] tbody tr").Filter(new() { HasText = key });
        await Assertions.Expect(row.GetByTestId("shadow-chip")).ToHaveTextAsync("Shadow deployment");
        await row.ClickAsync();

        await Assertions.Expect(eve.GetByTestId("shadow-deployment").First).ToContainTextAsync($"v1 reports production metrics but has no approved deployment in production.");
        await eve.Context.CloseAsync();
    }

    [Fact]
    public async Task An_auditor_sees_the_chain_verified_and_opens_the_audit_log_from_the_home_page()
    {
        await Services.GetRequiredService<VerifyAuditChainJob>().RunAsync(CancellationToken.None);
        var aldo = await browser.NewPageAsync();
        await aldo.SignInAsync(Personas.Auditor);

        await Assertions.Expect(aldo.GetByTestId("verification-result")).ToContainTextAsync("events verified");
        await BrowserFixture.SaveScreenshotAsync(aldo, "day-auditor-home");
        await aldo.GetByTestId("home-verification").GetByRole(AriaRole.Link, new() { Name = "Open the audit log" }).ClickAsync();

        await Assertions.Expect(aldo).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/audit$"));
        await Assertions.Expect(aldo.Locator("h1")).ToContainTextAsync("Audit");
        await aldo.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_lands_on_the_access_work_waiting_and_the_portal_health()
    {
        var ada = await browser.NewPageAsync();
        await ada.SignInAsync(Personas.Admin);

        await Assertions.Expect(ada.Locator("[data-testid='cpu-chart'] .apexcharts-canvas")).ToBeVisibleAsync();
        await Assertions.Expect(ada.GetByTestId("home-sections").Locator(".home-section")).ToHaveCountAsync(2);
        await Assertions.Expect(ada.GetByTestId("home-access-requests").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Access requests");
        await Assertions.Expect(ada.GetByTestId("home-access-reviews").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Access reviews");
        await ada.Context.CloseAsync();
    }

    /// <summary>A documented version with CI evidence, registered by the administrator so neither approver is its registrant.</summary>
    private async Task<string> RegisterDocumentedAsync(string prefix)
    {
        var key = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 7)];
        var admin = Personas.Admin.Principal;
        var models = Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(admin, new ModelInput(key, key, "", "Dana Scientist", "Retail Banking", "", RiskTier.Low, []));
        var card = SampleCards.Complete();

        await models.RegisterVersionAsync(admin, key, new VersionInput("xgboost", "s3://m/model.bin", new string('d', 64), null, null, null, [], null, null, card));
        await models.RecordCiEvidenceAsync(admin, key, 1, new CiEvidenceInput(200, 0, 90, 0, new VulnerabilityCounts(0, 0, 0, 0), null));
        return key;
    }

    private async Task SendAucAsync(string key, double auc) =>
        await Services.GetRequiredService<MetricsIngestion>().IngestAsync("persona-day",
            new IngestionRequest(key, "production", null, [new IngestionPoint(MetricNames.Auc,
                JsonSerializer.SerializeToElement(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture)), JsonSerializer.SerializeToElement(auc))]),
            CancellationToken.None);
}
