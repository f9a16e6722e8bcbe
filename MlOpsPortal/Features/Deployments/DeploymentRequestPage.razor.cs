using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MudBlazor;

namespace MlOpsPortal.Features.Deployments;

public sealed partial class DeploymentRequestPage
{
    // A refusal says why (maker-checker, not the requester), so it is shown as the service words it.
    private readonly ServerErrors decisionErrors = new(forbidden: null);
    private DeploymentRequestView? request;
    private DeploymentRequestView? deployedNow;
    private GateSubject? subject;
    private IReadOnlyList<string> blockedBy = [];
    private IReadOnlyList<TimelineEntry> timeline = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private string? whyNot;
    private string? comment;
    private bool canWithdraw;
    private bool busy;
    private bool loading = true;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private DeploymentRequests Requests { get; set; } = default!;

    [Inject]
    private DeploymentDecisions Decisions { get; set; } = default!;

    [Inject]
    private RunningDeployments Running { get; set; } = default!;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        request = await Requests.GetRequestAsync(Id);
        if (request is null)
        {
            return;
        }

        breadcrumbs = [new("Deployments", DeploymentLinks.Requests), new($"#{Id}", null, disabled: true)];
        whyNot = await Decisions.WhyCannotDecideAsync(user, request);
        blockedBy = GateAdvice.FailingBlocking(request.Gates);
        var version = (await Models.GetModelAsync(request.Model))?.Versions.FirstOrDefault(v => v.Version == request.Version);
        subject = new GateSubject(request.Model, request.Version, request.Environment, version);
        canWithdraw = request.State == DeploymentState.Pending && request.RequesterId == AuditActor.From(user).Id;
        deployedNow = await Running.DeployedNowAsync(request.Model, request.Environment,
            request.State == DeploymentState.ReapprovalRequired ? null : request.Id);
        timeline = await Requests.TimelineAsync(Id);
    }

    private Task ApproveAsync() => DecideAsync(user => Decisions.ApproveAsync(user, Id, comment), "Approval recorded.");

    private Task RejectAsync() => DecideAsync(user => Decisions.RejectAsync(user, Id, comment), "Request rejected.");

    private Task WithdrawAsync() => DecideAsync(user => Requests.WithdrawAsync(user, Id), "Request withdrawn.");

    /// <summary>A decision that lost a race, or that the server refused, says so and shows the request as it now is.</summary>
    private async Task DecideAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<DeploymentRequestView>> decide, string done)
    {
        busy = true;
        decisionErrors.Clear();
        try
        {
            await decide((await AuthenticationState).User);
            comment = null;
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (decisionErrors.Capture(ex, []))
        {
        }
        finally
        {
            await LoadAsync();
            busy = false;
        }
    }

    private static string ActionText(string action) => action.Replace("deployment-request.", string.Empty, StringComparison.Ordinal) switch
    {
        "created" => "Requested",
        "approval-recorded" => "Approved (partial)",
        "approved" => "Approved",
        "reapproved" => "Re-approved",
        "rejected" => "Rejected",
        "withdrawn" => "Withdrawn",
        "deployed" => "Deployed",
        "deployment-failed" => "Deployment failed",
        "rolled-back" => "Rolled back",
        "superseded" => "Superseded",
        "expired" => "Expired",
        "reapproval-required" => "Re-approval required",
        "gates-evaluated" => "Gates re-evaluated",
        "expiring-notified" => "Expiry warning sent",
        "reapproval-notified" => "Re-approval notice sent",
        "demo-state" => "Demo history",
        var other => other,
    };

    private static Color TimelineColor(string action) => action switch
    {
        "deployment-request.approved" or "deployment-request.reapproved" or "deployment-request.approval-recorded" => Color.Success,
        "deployment-request.rejected" or "deployment-request.reapproval-required" or "deployment-request.deployment-failed" => Color.Error,
        "deployment-request.deployed" => Color.Primary,
        "deployment-request.expired" or "deployment-request.gates-evaluated" or "deployment-request.rolled-back" => Color.Warning,
        _ => Color.Default,
    };
}
