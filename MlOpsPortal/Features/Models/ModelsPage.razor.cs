using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

public sealed partial class ModelsPage
{
    private MudDataGrid<ModelSummary>? grid;

    // The grid says it is loading until its first page arrives: in the prerender, which loads nothing, and on the first
    // live render, before the grid starts its load, it would otherwise show its empty text over a list that has rows.
    private bool firstPageLoaded;
    private IReadOnlyList<string> businessUnits = [];
    private string? modelKeyRule;
    private bool canWrite;
    private string? search;
    private RiskTier? riskTier;
    private string? businessUnit;
    private string? owner;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private RegistryRules Rules { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool HasFilters => !string.IsNullOrWhiteSpace(search) || riskTier is not null || businessUnit is not null || owner is not null;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        canWrite = (await Authorization.AuthorizeAsync(user, Policies.WriteRegistry)).Succeeded;
        modelKeyRule = (await Rules.GetSettingsAsync()).ModelKeyPattern;
        await LoadFacetsAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && TimeZone.Known is null && await TimeZone.TryGetAsync() is not null)
        {
            StateHasChanged();
        }
    }

    private async Task LoadFacetsAsync() => (businessUnits, _) = await Models.ModelFacetsAsync();

    private async Task<GridData<ModelSummary>> LoadAsync(GridState<ModelSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Models.ListModelsAsync(new ModelQuery
        {
            Search = search,
            RiskTier = riskTier,
            BusinessUnit = businessUnit,
            Owner = owner,
            SortBy = SortFor(sort?.SortBy),
            Descending = sort?.Descending ?? true,
            PageIndex = state.Page,
            PageSize = state.PageSize,
        }, cancellationToken);
        firstPageLoaded = true;
        return new GridData<ModelSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    /// <summary>Column names are the summary's property names; the service sorts by the matching field in the database.</summary>
    internal static ModelSort SortFor(string? column) => column switch
    {
        nameof(ModelSummary.Key) => ModelSort.Key,
        nameof(ModelSummary.DisplayName) => ModelSort.DisplayName,
        nameof(ModelSummary.Owner) => ModelSort.Owner,
        nameof(ModelSummary.BusinessUnit) => ModelSort.BusinessUnit,
        nameof(ModelSummary.RiskTier) => ModelSort.RiskTier,
        nameof(ModelSummary.LatestVersion) => ModelSort.LatestVersion,
        _ => ModelSort.UpdatedAt,
    };

    private Task OnSearchChanged(string? value)
    {
        search = value;
        return ReloadAsync();
    }

    private Task OnRiskTierChanged(RiskTier? value)
    {
        riskTier = value;
        return ReloadAsync();
    }

    private Task OnBusinessUnitChanged(string? value)
    {
        businessUnit = value;
        return ReloadAsync();
    }

    private Task OnOwnerChanged(string? value)
    {
        owner = value;
        return ReloadAsync();
    }

    private async Task<IEnumerable<string>> SearchOwnersAsync(string? text, CancellationToken cancellationToken) =>
        await Models.SearchOwnersAsync(text, cancellationToken: cancellationToken);

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private void OpenRow(DataGridRowClickEventArgs<ModelSummary> row) => Navigation.NavigateTo(RegistryLinks.Model(row.Item.Key));

    private async Task RegisterAsync()
    {
        var dialog = await Dialogs.ShowAsync<RegisterModelDialog>("Register model", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: ModelSummary created })
        {
            Navigation.NavigateTo(RegistryLinks.Model(created.Key));
        }
    }
}
