using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

public sealed partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeyView>? keys;

    [Inject]
    private ApiKeysService ApiKeys { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task<ClaimsPrincipal> UserAsync() =>
        AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

    private async Task LoadAsync() => keys = await ApiKeys.ListAsync(await UserAsync());

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<ApiKeyDialog>("Create API key",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
        var result = await dialog.Result;
        // The dialog saves the key itself; whether the admin then closed it or not, the list must show the new key.
        await LoadAsync();
        if (result is { Canceled: false, Data: ApiKeyView created })
        {
            Snackbar.Add($"Key '{created.Name}' created.", Severity.Success);
        }
    }

    private async Task RevokeAsync(ApiKeyView key)
    {
        var parameters = new DialogParameters<RevokeApiKeyDialog> { { d => d.Key, key } };
        var dialog = await Dialogs.ShowAsync<RevokeApiKeyDialog>("Revoke API key", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await LoadAsync();
            Snackbar.Add($"Key '{key.Name}' revoked. Calls with it are refused from now on.", Severity.Info);
        }
    }
}
