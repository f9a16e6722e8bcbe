using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

public sealed partial class ModelVersionPage
{
    private VersionDetails? version;
    private LineageGraph? lineage;
    private RegistrySettings? settings;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loading = true;
    private bool canWrite;

    [Parameter]
    public string Key { get; set; } = string.Empty;

    [Parameter]
    public int Number { get; set; }

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private RegistryRules Rules { get; set; } = default!;

    [Inject]
    private Lineage Lineage { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        canWrite = (await Authorization.AuthorizeAsync((await AuthenticationState).User, Policies.WriteRegistry)).Succeeded;
        settings = await Rules.GetSettingsAsync();
        version = await Models.GetVersionAsync(Key, Number);
        lineage = version is null ? null : await Lineage.GetVersionLineageAsync(Key, Number);
        breadcrumbs = [new("Models", RegistryLinks.Models), new(Key, RegistryLinks.Model(Key)), new($"v{Number}", null, disabled: true)];
        loading = false;
    }

    private async Task EditCardAsync()
    {
        var parameters = new DialogParameters<EditModelCardDialog>
        {
            { d => d.Key, Key },
            { d => d.Number, Number },
            { d => d.Card, version!.ModelCard },
            { d => d.Required, settings?.RequiredCardSections ?? [] },
        };
        var dialog = await Dialogs.ShowAsync<EditModelCardDialog>("Edit model card", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: VersionDetails saved })
        {
            version = saved;
        }
    }

    private static string Dash(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;

    private static string Metric(double value) => value.ToString("G6", CultureInfo.CurrentCulture);
}
