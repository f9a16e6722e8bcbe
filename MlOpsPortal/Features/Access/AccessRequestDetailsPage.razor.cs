using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// One access request: its requester and those who see people read it (the service checks); deciders approve or reject.
/// Whoever may not decide sees the buttons disabled with the service's reason. A decision that lost a race shows who won
/// and the request as it now is.
/// </summary>
public sealed partial class AccessRequestDetailsPage
{
    private const string CommentField = "comment";
    private static readonly string[] Fields = [CommentField];

    // The service's refusals say why (own request, privileged role), so they are shown as it words them.
    private readonly ServerErrors errors = new(forbidden: null);
    private List<BreadcrumbItem> breadcrumbs = [];
    private AccessRequestView? request;
    private string? refusal;
    private string? unavailable;
    private string? comment;
    private DateTime readAtUtc;
    private bool canViewPeople;
    private bool isRequester;
    private bool busy;
    private bool loading = true;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private AccessRequests Requests { get; set; } = default!;

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

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        errors.Clear();
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        readAtUtc = Clock.GetUtcNow().UtcDateTime;
        canViewPeople = (await Authorization.AuthorizeAsync(user, Policies.ViewPeople)).Succeeded;
        var manages = (await Authorization.AuthorizeAsync(user, Policies.ManageAccess)).Succeeded;
        breadcrumbs = [manages ? new("Access requests", AccessLinks.Requests) : new("My access", AccessLinks.MyAccess), new($"Request #{Id}", null, disabled: true)];
        try
        {
            request = await Requests.GetAsync(user, Id);
        }
        catch (Exception ex) when (ex is PortalNotFoundException or UnauthorizedAccessException)
        {
            request = null;
            unavailable = ex is PortalNotFoundException ? $"There is no access request {Id}." : ex.Message;
            return;
        }

        isRequester = request.RequesterId == user.UserId();
        refusal = request.State == AccessRequestState.Pending ? await Requests.RefusalAsync(user, request) : null;
    }

    /// <summary>What became of a decided request, in a sentence.</summary>
    private string? Outcome() => request switch
    {
        { State: AccessRequestState.Approved } r => $"Approved by {r.DecidedByName}: {r.RequesterName} holds {r.Role} " +
            (r.DurationDays is { } days && r.DecidedAtUtc is { } at ? $"until {at.AddDays(days):yyyy-MM-dd} (UTC)." : "until revoked."),
        { State: AccessRequestState.Rejected } r => $"Rejected by {r.DecidedByName}.",
        { State: AccessRequestState.Withdrawn } r => $"{r.RequesterName} withdrew this request.",
        { State: AccessRequestState.Expired } => $"Nobody decided this request within {AccessRequests.ExpiresAfter.TotalDays:0} days; it expired.",
        _ => null,
    };

    private void OnCommentChanged(string? value)
    {
        comment = value;
        errors.ClearField(CommentField);
    }

    private Task ApproveAsync() => DecideAsync((user, c) => Requests.ApproveAsync(user, Id, c), "Approved: the role counts from the requester's next action.");

    private Task RejectAsync() => DecideAsync((user, c) => Requests.RejectAsync(user, Id, c), "Rejected; the requester is told why.");

    private async Task WithdrawAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Withdraw this request?",
            $"Your request for {request!.Role} is taken back and nobody decides it. You can ask again later.", yesText: "Withdraw", cancelText: "Keep it");
        if (confirmed == true)
        {
            await DecideAsync((user, _) => Requests.WithdrawAsync(user, Id), "Withdrawn.");
        }
    }

    private async Task DecideAsync(Func<ClaimsPrincipal, string?, Task<AccessRequestView>> act, string done)
    {
        busy = true;
        errors.Clear();
        try
        {
            await act((await AuthenticationState).User, comment);
            comment = null;
            Snackbar.Add(done, Severity.Success);
        }
        catch (PortalValidationException ex) when (errors.Capture(ex, Fields))
        {
            busy = false;
            return;
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
            // Decided by someone else meanwhile, or no longer allowed: the alert says so over the request as it now is.
        }

        await LoadAsync();
        busy = false;
    }
}
