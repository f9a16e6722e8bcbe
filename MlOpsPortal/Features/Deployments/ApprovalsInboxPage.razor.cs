using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;
using MudBlazor;

namespace MlOpsPortal.Features.Deployments;

public sealed partial class ApprovalsInboxPage
{
    private readonly Dictionary<int, string> refusals = [];
    // A page of cards: each card's gates are read as the page opens (shared while their evidence is unchanged), so an approver with a long queue waits for a page, not the queue.
    internal const int PageSize = 12;
    private IReadOnlyList<InboxItem>? items;
    private int pageIndex;
    private int total;
    private bool busy;
    private ModelHealthBatch healthBatch = new([]);

    [Inject]
    private DeploymentDecisions Decisions { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>
    /// The first page as prerendered, handed to the circuit: its start shows what the response just showed rather than
    /// evaluating every card's gates again a moment later. Whatever happens after that start reads afresh.
    /// </summary>
    [PersistentState]
    public Page<InboxItem>? Prerendered { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // Set only when restored: in the circuit that follows the prerender.
        if (Prerendered is { PageIndex: 0 } prerendered)
        {
            Show(prerendered);
            return;
        }

        await LoadAsync();
        Prerendered = new Page<InboxItem>(items ?? [], total, pageIndex, PageSize);
    }

    private int PageCount => (total + PageSize - 1) / PageSize;

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        var page = await Decisions.InboxAsync(user, pageIndex, PageSize);
        // The last card of the last page decided: show the page before it rather than an empty one.
        if (page.Items.Count == 0 && pageIndex > 0)
        {
            pageIndex = Math.Max(0, (page.TotalCount - 1) / PageSize);
            page = await Decisions.InboxAsync(user, pageIndex, PageSize);
        }

        Show(page);
    }

    private void Show(Page<InboxItem> page)
    {
        (items, total) = (page.Items, page.TotalCount);
        // The cards' health scores in one batch, not one computation per card.
        healthBatch = new ModelHealthBatch(page.Items.Select(i => (i.Request.Model, i.Request.Environment)));
    }

    private async Task ShowPageAsync(int page)
    {
        pageIndex = page - 1;
        await LoadAsync();
    }

    /// <summary>
    /// An approval without a comment, checked again by the service (gates evaluated afresh, maker-checker, races); a refusal
    /// stays on its card, and the inbox shows what now awaits this person.
    /// </summary>
    private async Task ApproveAsync(int id)
    {
        busy = true;
        refusals.Clear();
        // The service's refusals say why (gates, maker-checker, already decided), so they are shown as it words them.
        var errors = new ServerErrors(forbidden: null);
        try
        {
            var after = await Decisions.ApproveAsync((await AuthenticationState).User, id, null);
            Snackbar.Add(after.AwaitsDecision
                ? $"Approval of #{id} recorded: {after.ApprovalCount} of {after.RequiredApprovals}."
                : $"#{id} approved: {after.Model} v{after.Version} may go to {after.Environment}.", Severity.Success);
        }
        catch (Exception ex) when (errors.Capture(ex, []))
        {
            refusals[id] = errors.General ?? ex.Message;
        }
        finally
        {
            await LoadAsync();
            busy = false;
        }

        // Decided by someone else meanwhile: the card is gone, so the reason goes where it is still seen.
        if (refusals.TryGetValue(id, out var refusal) && items?.Any(i => i.Request.Id == id) != true)
        {
            Snackbar.Add(refusal, Severity.Warning);
        }
    }
}
