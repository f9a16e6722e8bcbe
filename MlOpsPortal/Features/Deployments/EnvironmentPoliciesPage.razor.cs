using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Deployments;

public sealed partial class EnvironmentPoliciesPage
{
    private const string AdminsOnly = "Only a Portal.Admin changes deployment policies and the webhook.";

    private readonly ServerErrors webhookErrors = new(AdminsOnly);
    private List<PolicyForm>? forms;
    private string? webhookUrl;
    private string? webhookSecret;

    [Inject]
    private EnvironmentPolicies EnvironmentPolicies { get; set; } = default!;

    [Inject]
    private DeploymentWebhooks Webhooks { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        forms = [.. (await EnvironmentPolicies.ListPoliciesAsync()).Select(PolicyForm.From)];
        var webhook = await Webhooks.GetWebhookAsync((await AuthenticationState).User);
        (webhookUrl, webhookSecret) = (webhook.Url, webhook.Secret);
    }

    private async Task SaveAsync(PolicyForm form)
    {
        form.Errors.Clear();
        try
        {
            var saved = await EnvironmentPolicies.UpdatePolicyAsync((await AuthenticationState).User, form.Environment, form.ToInput());
            form.UpdatedBy = saved.UpdatedBy;
            Snackbar.Add($"{form.DisplayName} policy saved.", Severity.Success);
        }
        catch (Exception ex) when (form.Errors.Capture(ex, []))
        {
        }
    }

    private async Task SaveWebhookAsync()
    {
        webhookErrors.Clear();
        try
        {
            await Webhooks.UpdateWebhookAsync((await AuthenticationState).User, new WebhookSettingsInput(webhookUrl, webhookSecret));
            Snackbar.Add("Webhook saved.", Severity.Success);
        }
        catch (Exception ex) when (webhookErrors.Capture(ex, []))
        {
        }
    }

    private sealed class PolicyForm
    {
        public required string Environment { get; init; }
        public required string DisplayName { get; init; }
        public required string UpdatedBy { get; set; }
        public ServerErrors Errors { get; } = new(AdminsOnly);
        public int Low { get; set; }
        public int Medium { get; set; }
        public int High { get; set; }
        public int Critical { get; set; }
        public int ValidityDays { get; set; }
        public GateMode Quality { get; set; }
        public int QualityMaxAgeDays { get; set; }
        public GateMode Documentation { get; set; }
        public int DocumentationThreshold { get; set; }
        public GateMode Naming { get; set; }
        public GateMode Ci { get; set; }
        public double CiMinCoverage { get; set; }
        public int CiMaxFailed { get; set; }
        public int CiMaxCritical { get; set; }
        public int CiMaxHigh { get; set; }
        public GateMode Alerts { get; set; }

        public static PolicyForm From(EnvironmentPolicyView view)
        {
            var p = view.Policy;
            return new PolicyForm
            {
                Environment = view.Environment, DisplayName = view.DisplayName, UpdatedBy = view.UpdatedBy,
                Low = p.ApprovalsLow, Medium = p.ApprovalsMedium, High = p.ApprovalsHigh, Critical = p.ApprovalsCritical, ValidityDays = p.ValidityDays,
                Quality = p.QualityGate, QualityMaxAgeDays = p.QualityMaxAgeDays, Documentation = p.DocumentationGate, DocumentationThreshold = p.DocumentationThreshold,
                Naming = p.NamingGate, Ci = p.CiGate, CiMinCoverage = p.CiMinCoveragePercent, CiMaxFailed = p.CiMaxFailedTests,
                CiMaxCritical = p.CiMaxCriticalVulnerabilities, CiMaxHigh = p.CiMaxHighVulnerabilities, Alerts = p.AlertsGate,
            };
        }

        public EnvironmentPolicyInput ToInput() => new(
            Low, Medium, High, Critical, ValidityDays, Quality, QualityMaxAgeDays, Documentation, DocumentationThreshold, Naming,
            Ci, CiMinCoverage, CiMaxFailed, CiMaxCritical, CiMaxHigh, Alerts);
    }
}
