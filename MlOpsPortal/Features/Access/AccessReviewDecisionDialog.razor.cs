using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

public sealed partial class AccessReviewDecisionDialog
{
    private const string Field = "justification";
    private static readonly string[] Fields = [Field];

    // The service's refusals say why (own access, not a reviewer, review ended), so they are shown as worded.
    private readonly ServerErrors errors = new(forbidden: null);
    private string? justification;
    private bool saving;

    [Parameter, EditorRequired]
    public AccessReviewItemView Item { get; set; } = default!;

    [Parameter, EditorRequired]
    public ReviewDecision Decision { get; set; }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AccessReviews Reviews { get; set; } = default!;

    private string? Required => AccessReviewRules.JustificationRequired(Decision, Item.Role);

    protected override void OnParametersSet() => justification ??= Item.Justification;

    private async Task SaveAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var decided = await Reviews.DecideAsync((await AuthenticationState).User, Item.Id, Decision, justification, Item.Revision);
            Dialog.Close(DialogResult.Ok(decided));
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }
}
