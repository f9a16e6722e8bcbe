using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>A person's own access: roles now (read fresh, not from when the circuit opened), grants and requests.</summary>
public sealed partial class MyAccessPage
{
    private readonly ServerErrors errors = new(forbidden: null);
    private MudTable<AccessRequestView>? table;
    private IReadOnlyList<MyRole> roles = [];
    private IReadOnlyList<GrantView> grants = [];
    private DateTime now;

    [Inject]
    private AccessRequests Requests { get; set; } = default!;

    [Inject]
    private AccessGrants Grants { get; set; } = default!;

    [Inject]
    private CurrentRoles CurrentRoles { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAccessAsync();

    private async Task LoadAccessAsync()
    {
        var user = (await AuthenticationState).User;
        now = Clock.GetUtcNow().UtcDateTime;
        grants = await Grants.ListMineAsync(user);
        var current = user.UserId() is { } me ? await CurrentRoles.OfAsync(me, user.Roles()) : user.Roles();
        roles = [.. current.Where(PortalRoles.UserRoles.Contains).Order(StringComparer.Ordinal).Select(role =>
            grants.Where(g => g.Role == role && g.EndedAtUtc is null && (g.EndsAtUtc is null || g.EndsAtUtc > now))
                .OrderByDescending(g => g.EndsAtUtc ?? DateTime.MaxValue).FirstOrDefault() is { } grant
                ? new MyRole(role, PeopleDirectory.PortalGrantSource, grant.EndsAtUtc)
                : new MyRole(role, PeopleDirectory.EntraSource, null))];
    }

    private async Task<TableData<AccessRequestView>> LoadRequestsAsync(TableState state, CancellationToken cancellationToken)
    {
        var user = (await AuthenticationState).User;
        var page = await Requests.ListAsync(user, new AccessRequestQuery(MineOnly: true, PageIndex: state.Page, PageSize: state.PageSize), cancellationToken);
        return new TableData<AccessRequestView> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task WithdrawAsync(AccessRequestView request)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Withdraw this request?",
            $"Your request for {request.Role} is taken back and nobody decides it. You can ask again later.",
            yesText: "Withdraw", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }

        errors.Clear();
        try
        {
            await Requests.WithdrawAsync((await AuthenticationState).User, request.Id);
            Snackbar.Add($"Your request for {request.Role} was withdrawn.", Severity.Success);
        }
        catch (Exception ex) when (errors.Capture(ex, []))
        {
        }

        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }

    private sealed record MyRole(string Role, string Source, DateTime? EndsAtUtc);
}
