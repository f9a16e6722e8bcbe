using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;
using MudBlazor;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>
/// The gates where people act on them: previewed in the request dialog with what each failing one needs, and naming the
/// blocking ones beside a disabled Approve on the request page and in the inbox.
/// </summary>
public sealed class GatesOnScreenTests : DeploymentsTestContext, IAsyncLifetime
{
    private readonly BunitContext bunit = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        bunit.UsePortalServices(Services, Clock,
            typeof(DeploymentRequests), typeof(DeploymentDecisions), typeof(CurrentGates), typeof(RunningDeployments), typeof(ModelsService), typeof(RegistryKeys),
            typeof(IAuthorizationService));
        // A model with a version but no card, no CI evidence and no quality report: production's blocking gates fail.
        await RegisterAsync("bare-model", RiskTier.Medium, Personas.Admin, evidence: false);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await bunit.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task The_request_dialog_previews_the_gates_and_says_what_each_failing_one_needs()
    {
        var dialog = await OpenDialogAsync("bare-model");

        dialog.WaitForElement("[data-testid='gate-preview'] [data-testid='gates']");
        Assert.Equal("true", dialog.Find("[data-testid='gate-summary']").GetAttribute("data-blocked"));
        Assert.Contains("Documentation", dialog.Find("[data-testid='gate-summary']").TextContent, StringComparison.Ordinal);
        var documentation = dialog.Find("[data-gate='documentation']");
        Assert.Equal("false", documentation.GetAttribute("data-passed"));
        var need = documentation.QuerySelector("[data-testid='gate-need']")!;
        Assert.Contains("sections missing — Intended use", need.TextContent, StringComparison.Ordinal);
        Assert.Contains("Limitations", need.TextContent, StringComparison.Ordinal);
        Assert.Equal("/models/bare-model?tab=card", need.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("ci-evidence", dialog.Find("[data-gate='ciEvidence'] [data-testid='gate-need']").TextContent, StringComparison.Ordinal);
        Assert.Null(dialog.Find("[data-gate='noCriticalAlert']").QuerySelector("[data-testid='gate-need']"));

        // Blocking gates do not stop the request being made, as the service has always allowed; they stop its approval.
        Assert.False(dialog.Find("[data-testid='submit-request']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task With_every_piece_of_evidence_the_dialog_shows_every_gate_passing()
    {
        var dialog = await OpenDialogAsync("churn-model");

        dialog.WaitForAssertion(() => Assert.Equal("false", dialog.Find("[data-testid='gate-summary']").GetAttribute("data-blocked")));
        // Production's quality gate is advisory in this context; documentation, naming, CI and alerts block and pass.
        Assert.All(dialog.FindAll("[data-gate]").Where(g => g.GetAttribute("data-gate") != DeploymentGates.QualityGateName),
            g => Assert.Equal("true", g.GetAttribute("data-passed")));
        Assert.Empty(dialog.FindAll("[data-testid='gate-need']"));
    }

    [Fact]
    public async Task Approve_on_the_request_page_is_disabled_with_the_failing_blocking_gates_named()
    {
        var request = await RequestAsync("bare-model", "production", Personas.Contributor);

        var page = bunit.RenderAs<DeploymentRequestPage>(Personas.Approver, new Dictionary<string, object?> { ["Id"] = request.Id });
        page.WaitForElement("[data-testid='approve']");
        Assert.True(page.Find("[data-testid='approve']").HasAttribute("disabled"));
        var blockedBy = page.Find("[data-testid='blocked-by']").TextContent;
        Assert.Contains("Documentation", blockedBy, StringComparison.Ordinal);
        Assert.Contains("CI evidence", blockedBy, StringComparison.Ordinal);
        Assert.DoesNotContain("Quality report", blockedBy, StringComparison.Ordinal);
        Assert.Contains("edit the model card", page.Find("[data-gate='documentation'] [data-testid='gate-need']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_in_the_inbox_is_disabled_with_the_failing_blocking_gates_named()
    {
        var request = await RequestAsync("bare-model", "production", Personas.Contributor);

        var inbox = bunit.RenderAs<ApprovalsInboxPage>(Personas.Approver);
        var card = inbox.WaitForElement($"[data-testid='inbox-item'][data-request='{request.Id}']");
        Assert.True(card.QuerySelector("[data-testid='inbox-approve']")!.HasAttribute("disabled"));
        Assert.Contains("Documentation", card.QuerySelector("[data-testid='blocked-by']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("CI evidence", card.QuerySelector("[data-testid='blocked-by']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_evidence_completed_Approve_is_enabled_and_approves_from_the_inbox()
    {
        var request = await RequestAsync("bare-model", "production", Personas.Contributor);
        await Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "bare-model", 1, SampleCards.Complete());
        await Models.RecordCiEvidenceAsync(Personas.Admin, "bare-model", 1, new CiEvidenceInput(120, 0, 88, 1, new VulnerabilityCounts(0, 0, 1, 2), null));

        var inbox = bunit.RenderAs<ApprovalsInboxPage>(Personas.Approver);
        var approve = inbox.WaitForElement($"[data-testid='inbox-item'][data-request='{request.Id}'] [data-testid='inbox-approve']");
        Assert.False(approve.HasAttribute("disabled"));
        Assert.Empty(inbox.FindAll($"[data-request='{request.Id}'] [data-testid='blocked-by']"));
        await approve.ClickAsync(new());

        inbox.WaitForAssertion(() => Assert.Empty(inbox.FindAll($"[data-testid='inbox-item'][data-request='{request.Id}']")));
        Assert.Equal(DeploymentState.Approved, (await Requests.GetRequestAsync(request.Id))!.State);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync(string model)
    {
        var provider = bunit.Render<MudDialogProvider>(p => p.AddCascadingValue(Personas.Contributor.AuthenticationState));
        var dialogs = bunit.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<RequestDeploymentDialog> { { d => d.Model, model } };
        await provider.InvokeAsync(() => dialogs.ShowAsync<RequestDeploymentDialog>("Request a deployment", parameters));
        provider.WaitForElement("[data-testid='submit-request']");
        return provider;
    }
}
