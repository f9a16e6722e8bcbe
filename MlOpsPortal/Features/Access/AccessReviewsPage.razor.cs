using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Data;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>The reviews the viewer may see (all of them for administrators and auditors); administrators start new ones here.</summary>
public sealed partial class AccessReviewsPage
{
    private Page<AccessReviewSummary>? reviews;
    private bool canStart;

    [Inject]
    private AccessReviews Reviews { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        canStart = await Reviews.CanStartAsync(user);
        reviews = await Reviews.ListAsync(user, new AccessReviewQuery(0, 200));
    }

    private async Task StartAsync()
    {
        var dialog = await Dialogs.ShowAsync<StartAccessReviewDialog>("Start access review",
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: AccessReviewSummary started })
        {
            Navigation.NavigateTo(AccessLinks.Review(started.Id));
        }
    }
}
