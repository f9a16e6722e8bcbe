using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

public sealed partial class RegistrySettingsPage
{
    private static readonly string[] Fields =
        [nameof(RegistrySettingsInput.ModelKeyPattern), nameof(RegistrySettingsInput.DatasetKeyPattern), nameof(RegistrySettingsInput.RequiredCardSections)];

    private readonly ServerErrors errors = new();
    private readonly HashSet<CardSection> required = [];
    private RegistrySettings? settings;
    private IReadOnlyList<FlaggedKey> flagged = [];
    private string? modelPattern;
    private string? datasetPattern;
    private bool saving;

    [Inject]
    private RegistryRules Rules { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        settings = await Rules.GetSettingsAsync();
        modelPattern = settings.ModelKeyPattern;
        datasetPattern = settings.DatasetKeyPattern;
        required.UnionWith(settings.RequiredCardSections);
        flagged = await Rules.FlaggedKeysAsync();
    }

    private void Toggle(CardSection section, bool on)
    {
        if (on)
        {
            required.Add(section);
        }
        else
        {
            required.Remove(section);
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            settings = await Rules.UpdateSettingsAsync(user, new RegistrySettingsInput(modelPattern?.Trim(), datasetPattern?.Trim(), [.. required.Order()]));
            flagged = await Rules.FlaggedKeysAsync();
            Snackbar.Add("The registry rules are saved.", Severity.Success);
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
