using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Audit;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

public sealed partial class IncidentDetailsPage
{
    // A refusal names who acted first ("already acknowledged by …"), so it is shown as the service words it.
    private readonly ServerErrors actionErrors = new(forbidden: null);
    private readonly ServerErrors commentErrors = new(forbidden: null);
    private readonly ServerErrors impactErrors = new(forbidden: null);
    private IncidentView? incident;
    private IReadOnlyList<TimelineEntryView> timeline = [];
    private IReadOnlyList<IncidentAction> allowed = [];
    private IReadOnlyList<RosterMember> roster = [];
    private ReviewView? review;
    private List<BreadcrumbItem> breadcrumbs = [];
    private DateTime readAtUtc;
    private DateTime? impactStartUtc;
    private string? comment;
    private bool canWork;
    private bool canComment;
    private bool editingImpactStart;
    private bool busy;
    private bool loading = true;

    [Parameter]
    public string Number { get; set; } = string.Empty;

    [Inject]
    private IncidentsService Incidents { get; set; } = default!;

    [Inject]
    private IncidentWork Work { get; set; } = default!;

    [Inject]
    private IncidentReviews Reviews { get; set; } = default!;

    [Inject]
    private IncidentPolicies IncidentPolicies { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>A P1 cannot close before its review exists; the button says so instead of failing.</summary>
    private bool ClosingNeedsReview => incident is { Priority: IncidentPriority.P1, State: IncidentState.Resolved } && review is null;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        incident = await Incidents.GetAsync(Number);
        readAtUtc = Clock.GetUtcNow().UtcDateTime;
        if (incident is null)
        {
            return;
        }

        breadcrumbs = [new("Incidents", IncidentLinks.Queue), new(incident.Number, null, disabled: true)];
        timeline = await Incidents.TimelineAsync(incident.Number);
        // Roles are checked now, not remembered from when the circuit opened.
        canWork = (await Authorization.AuthorizeAsync(user, Infrastructure.Auth.Policies.WorkIncidents)).Succeeded;
        allowed = await Work.AllowedActionsAsync(user, incident);
        canComment = await Incidents.CanCommentAsync(user, incident);
        review = incident.Priority <= IncidentPriority.P2 ? await Reviews.GetAsync(incident.Number) : null;
        roster = canWork ? [.. (await IncidentPolicies.CurrentAsync()).Roster.Everyone.OrderBy(m => m.Name, StringComparer.CurrentCulture)] : [];
    }

    private string? WhyDisabled(IncidentAction action) =>
        action == IncidentAction.Close && ClosingNeedsReview ? "Write the post-incident review first: a P1 closes only with one." : null;

    private Task RunAsync(IncidentAction action) => action switch
    {
        IncidentAction.Acknowledge => ActAsync(user => Work.AcknowledgeAsync(user, Number), "Acknowledged: the incident is yours and in progress."),
        IncidentAction.Resume => ActAsync(user => Work.ResumeAsync(user, Number), "Resumed; the resolution clock runs again."),
        IncidentAction.Close => ActAsync(user => Work.CloseAsync(user, Number), "Closed."),
        IncidentAction.Hold => DialogAsync<HoldIncidentDialog>("Put on hold", (user, input) => Work.HoldAsync(user, Number, input.Reason, input.Note), "On hold; the resolution clock has stopped."),
        IncidentAction.Resolve => DialogAsync<ResolveIncidentDialog>("Resolve", (user, input) => Work.ResolveAsync(user, Number, input.Code, input.Notes), "Resolved."),
        IncidentAction.Cancel => ReasonAsync("Cancel this incident?", "Cancelling stops both SLA clocks; use it for duplicates and incidents raised in error. It cannot be undone.",
            "Cancel incident", "Keep it", Color.Error, (user, reason) => Work.CancelAsync(user, Number, reason), "Cancelled."),
        IncidentAction.Reopen => ReasonAsync("Reopen", "The resolution clock runs again from where it stopped.", "Reopen", "Cancel", Color.Primary,
            (user, reason) => Work.ReopenAsync(user, Number, reason), "Reopened."),
        _ => Task.CompletedTask,
    };

    private Task EscalateAsync() => ReasonAsync($"Escalate to {incident!.Level + 1}", $"The {incident.Level + 1} roster is notified.", "Escalate", "Cancel", Color.Warning,
        (user, reason) => Work.EscalateAsync(user, Number, reason), "Escalated.");

    private async Task AssignToMeAsync()
    {
        var me = AuditActor.From((await AuthenticationState).User);
        await AssignAsync(new RosterMember(me.Id, me.Name));
    }

    private Task AssignAsync(RosterMember? member) =>
        ActAsync(user => Work.AssignAsync(user, Number, member, incident?.AssigneeId), member is null ? "Unassigned." : $"Assigned to {member.Name}.");

    private void EditImpactStart()
    {
        impactErrors.Clear();
        impactStartUtc = incident!.ImpactStartUtc;
        editingImpactStart = true;
    }

    private async Task SaveImpactStartAsync()
    {
        if (impactStartUtc is not { } at)
        {
            return;
        }

        impactErrors.Clear();
        try
        {
            await Work.SetImpactStartAsync((await AuthenticationState).User, Number, at);
            editingImpactStart = false;
            Snackbar.Add("Impact start changed.", Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (impactErrors.Capture(ex, ["impactStartUtc"]))
        {
        }
    }

    private async Task CommentAsync()
    {
        commentErrors.Clear();
        try
        {
            await Incidents.CommentAsync((await AuthenticationState).User, Number, comment);
            comment = null;
            timeline = await Incidents.TimelineAsync(Number);
        }
        catch (Exception ex) when (commentErrors.Capture(ex, ["text"]))
        {
        }
    }

    private Task OnReviewSavedAsync() => LoadAsync();

    /// <summary>An action that lost a race, or that the server refused, says so and shows the incident as it now is.</summary>
    private async Task ActAsync(Func<ClaimsPrincipal, Task> act, string done)
    {
        busy = true;
        actionErrors.Clear();
        try
        {
            await act((await AuthenticationState).User);
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (actionErrors.Capture(ex, []))
        {
            Snackbar.Add(actionErrors.General!, Severity.Warning);
        }
        finally
        {
            await LoadAsync();
            busy = false;
        }
    }

    private async Task DialogAsync<TDialog>(string title, Func<ClaimsPrincipal, IncidentActionInput, Task> act, string done, DialogParameters? extra = null)
        where TDialog : IncidentDialogBase
    {
        var user = (await AuthenticationState).User;
        var parameters = extra ?? [];
        parameters.Add(nameof(IncidentDialogBase.Submit), (Func<IncidentActionInput, Task>)(input => act(user, input)));
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return;
        }

        await ActAsync(_ => result.Data is Exception refused ? Task.FromException(refused) : Task.CompletedTask, done);
    }

    private Task ReasonAsync(string title, string explanation, string confirm, string keep, Color color, Func<ClaimsPrincipal, string?, Task> act, string done) =>
        DialogAsync<IncidentReasonDialog>(title, (user, input) => act(user, input.Comment), done, new DialogParameters
        {
            { nameof(IncidentReasonDialog.Explanation), explanation },
            { nameof(IncidentReasonDialog.ConfirmText), confirm },
            { nameof(IncidentReasonDialog.KeepText), keep },
            { nameof(IncidentReasonDialog.ConfirmColor), color },
        });

    private static string ActionText(IncidentAction action) => action switch
    {
        IncidentAction.Hold => "Put on hold",
        _ => action.ToString(),
    };

    private static Color ActionColor(IncidentAction action) => action switch
    {
        IncidentAction.Acknowledge => Color.Primary,
        IncidentAction.Resolve => Color.Success,
        IncidentAction.Hold => Color.Warning,
        IncidentAction.Cancel => Color.Error,
        _ => Color.Default,
    };

    private static Variant ActionVariant(IncidentAction action) =>
        action is IncidentAction.Acknowledge or IncidentAction.Resolve ? Variant.Filled : Variant.Outlined;

    private static string ActionIcon(IncidentAction action) => action switch
    {
        IncidentAction.Acknowledge => Icons.Material.Filled.PanTool,
        IncidentAction.Hold => Icons.Material.Filled.PauseCircle,
        IncidentAction.Resume => Icons.Material.Filled.PlayCircle,
        IncidentAction.Resolve => Icons.Material.Filled.CheckCircle,
        IncidentAction.Close => Icons.Material.Filled.Archive,
        IncidentAction.Cancel => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.Replay,
    };
}
