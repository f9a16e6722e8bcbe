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
