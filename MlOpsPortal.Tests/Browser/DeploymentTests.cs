using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class DeploymentTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_high_risk_production_deployment_needs_two_approvers_and_never_its_requester()
    {
        var key = $"fraud-{Guid.NewGuid().ToString("N")[..6]}";
        await RegisterHighRiskModelAsync(key);

        // The contributor asks for production.
        var dana = await browser.NewPageAsync();
        await dana.SignInAsync(Personas.Contributor, "/deployments");
        await dana.GetByTestId("request-deployment").ClickAsync();
        await dana.SearchAndPickAsync(dana.GetByTestId("request-model"), key, key);
        // The model is searched by key, and once chosen the dialog names it and its risk tier under the field.
        await Assertions.Expect(dana.Locator(".mud-dialog .mud-input-helper-text").First).ToContainTextAsync("High risk");
        await dana.ChooseAsync("request-environment", "production");
        await dana.GetByTestId("request-justification").FillAsync("Device fingerprints cut false positives by a third in staging.");
        await dana.GetByTestId("submit-request").ClickAsync();
        await Assertions.Expect(dana).ToHaveURLAsync(new Regex(@"/deployments/\d+$"));
        var id = int.Parse(dana.Url[(dana.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(dana.GetByTestId("deployment-state").First).ToHaveTextAsync("Pending");
        await Assertions.Expect(dana.GetByTestId("approval-count")).ToContainTextAsync("0 of 2 approvals");
        await Assertions.Expect(dana.GetByTestId("gates")).ToBeVisibleAsync();

        // The requester sees no approve button, and a forged approval from their session is refused.
        await Assertions.Expect(dana.GetByTestId("approve")).ToHaveCountAsync(0);
        await Assertions.Expect(dana.GetByTestId("cannot-decide")).ToContainTextAsync("You requested this deployment");
        await BrowserFixture.SaveScreenshotAsync(dana, "deployment-requested");
        var forged = await dana.APIRequest.PostAsync($"/api/v1/deployment-requests/{id}/approve", new() { DataObject = new { comment = "self-approved" } });
        Assert.Equal(403, forged.Status);

        // Approver A.
        var arun = await browser.NewPageAsync();
        await arun.SignInAsync(Personas.Approver, "/deployments/approvals");
        await arun.Locator($"[data-testid='inbox-item'][data-request='{id}'] [data-testid='open-request']").ClickAsync();
        await BrowserFixture.SaveScreenshotAsync(arun, "deployment-review");
        await arun.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(arun.GetByTestId("approval-count")).ToContainTextAsync("1 of 2 approvals");
        await Assertions.Expect(arun.GetByTestId("deployment-state").First).ToHaveTextAsync("Pending");
        await Assertions.Expect(arun.GetByTestId("cannot-decide")).ToContainTextAsync("already approved");

        // Approver B.
        var bo = await browser.NewPageAsync();
        await bo.SignInAsync(Personas.SecondApprover, DeploymentLinks.Request(id));
        await bo.GetByTestId("decision-comment-input").FillAsync("Second pair of eyes: agreed.");
        await bo.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(bo.GetByTestId("deployment-state").First).ToHaveTextAsync("Approved");

        // The requester sees it approved, with its whole story.
        await dana.ReloadAsync();
        await dana.WaitForLiveAsync();
        await Assertions.Expect(dana.GetByTestId("deployment-state").First).ToHaveTextAsync("Approved");
        var timeline = dana.GetByTestId("timeline");
        await Assertions.Expect(timeline.Locator("[data-action='deployment-request.created']")).ToContainTextAsync("Dana Scientist");
        await Assertions.Expect(timeline.Locator("[data-action='deployment-request.approval-recorded']")).ToContainTextAsync("Arun Approver");
        await Assertions.Expect(timeline.Locator("[data-action='deployment-request.approved']")).ToContainTextAsync("Bo Checker");
        await Assertions.Expect(dana.GetByTestId("approvals")).ToContainTextAsync("Second pair of eyes");
        await BrowserFixture.SaveScreenshotAsync(dana, "deployment-approved-wide");

        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync(Personas.Contributor, DeploymentLinks.Request(id));
        await Assertions.Expect(phone.GetByTestId("deployment-state").First).ToHaveTextAsync("Approved");
        await BrowserFixture.SaveScreenshotAsync(phone, "deployment-approved-phone");

        var model = await browser.NewPageAsync();
        await model.SignInAsync(Personas.Approver, $"/models/{key}");
        await model.GetByRole(AriaRole.Tab, new() { Name = "Deployments" }).ClickAsync();
        await Assertions.Expect(model.Locator("[data-testid='deployments-per-environment'] [data-environment='production']")).ToContainTextAsync("Not deployed");
        await Assertions.Expect(model.GetByTestId("deployment-requests")).ToContainTextAsync("Approved");
        await BrowserFixture.SaveScreenshotAsync(model, "deployment-model-tab");
    }

    [Fact]
    public async Task An_approver_who_loses_a_race_is_told_who_decided_first_and_when()
    {
        var key = $"race-{Guid.NewGuid().ToString("N")[..6]}";
        await RegisterHighRiskModelAsync(key);
        var deployments = browser.App.Services.GetRequiredService<DeploymentRequests>();
        var dana = Personas.Contributor.Principal;
        var request = await deployments.CreateRequestAsync(dana, new DeploymentRequestInput(key, 1, "staging", "Staging soak.", null));

        var arun = await browser.NewPageAsync();
        await arun.SignInAsync(Personas.Approver, DeploymentLinks.Request(request.Id));
        await Assertions.Expect(arun.GetByTestId("approve")).ToBeVisibleAsync();

        // Bo decides while Arun still looks at the page.
        await browser.App.Services.GetRequiredService<DeploymentDecisions>().RejectAsync(Personas.SecondApprover, request.Id, "Staging is frozen this week.");
        await arun.GetByTestId("approve").ClickAsync();

        await Assertions.Expect(arun.GetByTestId("decision-error")).ToContainTextAsync("already decided by Bo Checker at");
        await Assertions.Expect(arun.GetByTestId("deployment-state").First).ToHaveTextAsync("Rejected");
        await Assertions.Expect(arun.GetByTestId("decision-comment")).ToContainTextAsync("Staging is frozen this week.");
        await BrowserFixture.SaveScreenshotAsync(arun, "deployment-race-lost");
    }

    /// <summary>Registered by the administrator, so neither approver is its registrant; production's quality gate advises (the model has no quality report; GateTests covers that gate).</summary>
    private async Task RegisterHighRiskModelAsync(string key)
    {
        var services = browser.App.Services;
        var admin = Personas.Admin.Principal;
        var policies = services.GetRequiredService<EnvironmentPolicies>();
        var production = (await policies.ListPoliciesAsync()).Single(p => p.Environment == "production").Policy;
        await policies.UpdatePolicyAsync(admin, "production", production with { QualityGate = GateMode.Advisory });
        var models = services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(admin, new ModelInput(key, "Card fraud", "", "Payments", "Payments", "", RiskTier.High, []));
        var card = SampleCards.Complete();

        await models.RegisterVersionAsync(admin, key, new VersionInput("pytorch", "s3://m/model.bin", new string('c', 64), null, null, null, [], null, null, card));
        await models.RecordCiEvidenceAsync(admin, key, 1, new CiEvidenceInput(300, 0, 91, 0, new VulnerabilityCounts(0, 0, 0, 1), null));
    }
}
