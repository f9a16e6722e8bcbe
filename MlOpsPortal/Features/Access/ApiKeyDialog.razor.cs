using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>Creates a key, then shows its secret exactly once; the service, not the form, decides what is valid.</summary>
public sealed partial class ApiKeyDialog
{
    private static readonly string[] Fields = [nameof(ApiKeyInput.Name), nameof(ApiKeyInput.Scopes), nameof(ApiKeyInput.ExpiresOn)];
    private readonly ServerErrors errors = new(forbidden: ApiKeysService.AdminOnly);
    private string? name;
    private bool registryWrite = true;
    private bool metricsWrite;
    private bool incidentsWrite;
    private bool auditRead;
    private DateTime? expiresOn;
    private bool saving;
    private bool copied;
    private CreatedApiKey? created;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ApiKeysService ApiKeys { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private DateTime Today => Clock.GetUtcNow().UtcDateTime.Date;

    protected override void OnInitialized() => expiresOn = Today.AddDays(90);

    private async Task SaveAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = AuthenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await AuthenticationState).User;
            string[] scopes =
            [
                .. registryWrite ? [PortalRoles.RegistryWrite] : Array.Empty<string>(),
                .. metricsWrite ? [PortalRoles.MetricsWrite] : Array.Empty<string>(),
                .. incidentsWrite ? [PortalRoles.IncidentsWrite] : Array.Empty<string>(),
                .. auditRead ? [PortalRoles.AuditRead] : Array.Empty<string>(),
            ];
            created = await ApiKeys.CreateAsync(user, new ApiKeyInput(name, scopes, expiresOn is { } date ? DateOnly.FromDateTime(date) : null));
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", created!.Secret);
            copied = true;
        }
        catch (JSException)
        {
            // Clipboard access can be refused (insecure origin, permissions); the key is still selectable in the field.
            Snackbar.Add("The browser did not allow copying. Select the key and copy it yourself.", Severity.Warning);
        }
    }

    private void Cancel() => Dialog.Cancel();

    private void Done() => Dialog.Close(DialogResult.Ok(created!.Key));
}
