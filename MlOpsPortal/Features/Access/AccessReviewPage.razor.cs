using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Api;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>One review: its items with what inactivity recommends, and the viewer's decisions where they are a reviewer.</summary>
public sealed partial class AccessReviewPage
{
    private AccessReviewView? review;
    private List<BreadcrumbItem> breadcrumbs = [];
    private string? problem;
    private bool undecidedOnly;
    private string? roleFilter;
    private DateTime now;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private AccessReviews Reviews { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private AccessReviewJob Job { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        problem = null;
        try
        {
            review = await Reviews.GetAsync((await AuthenticationState).User, Id);
        }
        catch (Exception e) when (e is PortalNotFoundException or UnauthorizedAccessException)
        {
            problem = e.Message;
            review = null;
        }

        now = Clock.GetUtcNow().UtcDateTime;
        breadcrumbs = [new("Access reviews", AccessLinks.Reviews), new(review?.Summary.Name ?? $"Review {Id}", null, disabled: true)];
    }

    /// <summary>Ends the review now, after saying what happens to unanswered items and to denied roles.</summary>
    private async Task FinishNowAsync()
    {
        var s = review!.Summary;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Finish this review now?",
            $"Unanswered items become: {AccessReviewText.Default(s.Default)}. Every denied role is removed at once and the people lose it on their next action. This cannot be undone.",
            yesText: "Finish now", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            var result = await Job.FinishNowAsync((await AuthenticationState).User, Id);
            Snackbar.Add($"Review finished: {result.Removed} role{(result.Removed == 1 ? "" : "s")} removed" + (result.Failed > 0 ? $", {result.Failed} removal{(result.Failed == 1 ? "" : "s")} failed and will be retried." : "."),
                result.Failed > 0 ? Severity.Warning : Severity.Success);
        }
        catch (Exception e) when (e is PortalConflictException or PortalNotFoundException or UnauthorizedAccessException)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }

        await LoadAsync();
    }

    private bool Shows(AccessReviewItemView item) =>
        (!undecidedOnly || (item.Decision is null && !item.DecidedByDefault)) && (roleFilter is null || item.Role == roleFilter);

    private async Task DecideAsync(AccessReviewItemView item, ReviewDecision decision)
    {
        var parameters = new DialogParameters<AccessReviewDecisionDialog> { { d => d.Item, item }, { d => d.Decision, decision } };
        var dialog = await Dialogs.ShowAsync<AccessReviewDecisionDialog>($"{AccessReviewEvidence.DecisionText(decision)}: {item.PersonName}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
            Snackbar.Add($"{AccessReviewEvidence.DecisionText(decision)} recorded for {item.PersonName}'s {item.Role}.", Severity.Success);
        }
    }
}
