using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

public sealed partial class ModelPage
{
    private ModelDetails? details;
    private VersionDetails? latest;
    private RegistrySettings? settings;
    private LineageGraph? lineage;
    private List<BreadcrumbItem> breadcrumbs = [];
    private int? selected;
    private int activeTab;
    private bool canWrite;
    private bool loading = true;

    [Parameter]
    public string Key { get; set; } = string.Empty;

    /// <summary>The open tab by its id (<c>?tab=quality</c>), so a reload or a shared link opens the same tab.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private RegistryRules Rules { get; set; } = default!;

    [Inject]
    private Lineage Lineage { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IEnumerable<ModelTab> Tabs { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private const string OverviewTab = "overview";

    private string? loadedKey;

    /// <summary>The tabs' ids in the order the page shows them: its own four, then those other features add.</summary>
    private List<string> TabIds => [OverviewTab, "versions", "lineage", "card", .. Tabs.OrderBy(t => t.Order).Select(t => t.Id)];

    private void OnTabChanged(int index)
    {
        activeTab = index;
        var id = index >= 0 && index < TabIds.Count ? TabIds[index] : OverviewTab;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", id == OverviewTab ? null : id), replace: true);
    }

    private VersionDetails? SelectedVersion => details?.Versions.FirstOrDefault(v => v.Version == selected);

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        canWrite = (await Authorization.AuthorizeAsync(user, Policies.WriteRegistry)).Succeeded;
    }

    protected override async Task OnParametersSetAsync()
    {
        activeTab = Math.Max(0, TabIds.IndexOf(Tab ?? OverviewTab));

        // Choosing a tab changes only the address's query: the model is already shown.
        if (Key == loadedKey)
        {
            return;
        }

        loadedKey = Key;
        loading = true;
        settings = await Rules.GetSettingsAsync();
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        details = await Models.GetModelAsync(Key);
        latest = details is { Versions.Count: > 0 } ? details.Versions[0] : null;
        breadcrumbs = [new("Models", RegistryLinks.Models), new(Key, null, disabled: true)];
        if (selected is null || details?.Versions.All(v => v.Version != selected) != false)
        {
            selected = latest?.Version;
        }

        lineage = selected is { } number ? await Lineage.GetVersionLineageAsync(Key, number) : null;
    }

    private async Task SelectAsync(int? number)
    {
        selected = number;
        lineage = number is { } n ? await Lineage.GetVersionLineageAsync(Key, n) : null;
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<RegisterModelDialog> { { d => d.Existing, details!.Model } };
        var dialog = await Dialogs.ShowAsync<RegisterModelDialog>("Edit model", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }
}
