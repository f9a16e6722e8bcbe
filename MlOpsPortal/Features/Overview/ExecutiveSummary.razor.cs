using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Reports;
using MudBlazor;

namespace MlOpsPortal.Features.Overview;

public sealed partial class ExecutiveSummary
{
    public const int LatestCount = 5;

    private List<PortfolioRow>? rows;
    private IReadOnlyList<ReportView>? latest;
    private IReadOnlyList<ReportKind> kinds = [];

    [Inject]
    private PortfolioRows Portfolio { get; set; } = default!;

    [Inject]
    private ReportsService Reports { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private sealed record Tile(string Key, string Label, string Value, Color Color = Color.Default);

    private List<PortfolioRow> Production => rows?.Where(r => r.Deployed).ToList() ?? [];

    private string Sentence
    {
        get
        {
            var production = Production;
            var attention = production.Count(r => r.NeedsAttention);
            return production.Count == 0
                ? "No model runs in production through the portal yet."
                : attention == 0
                    ? $"All {production.Count} production models are healthy and approved."
                    : $"{attention} of {production.Count} production models need attention.";
        }
    }

    private IEnumerable<Tile> Tiles
    {
        get
        {
            string Count(Func<List<PortfolioRow>, int> count) => rows is null ? "—" : count(Production).ToString(CultureInfo.CurrentCulture);
            var attention = rows is null ? 0 : Production.Count(r => r.NeedsAttention);
            yield return new("in-production", "Models in production", Count(p => p.Count));
            yield return new("need-attention", "Need attention", Count(p => p.Count(r => r.NeedsAttention)), attention > 0 ? Color.Warning : Color.Default);
            yield return new("critical", "Critical health", Count(p => p.Count(r => r.Health.Status == HealthStatus.Critical)));
            yield return new("open-incidents", "Open incidents", Count(p => p.Sum(r => r.Incidents?.Total ?? 0)));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        kinds = await Reports.ReadableKindsAsync(user);
        latest = (await Reports.ListAsync(user, new ReportFilter(State: ReportState.Succeeded, PageSize: LatestCount))).Items;
        StateHasChanged();
        rows = await Portfolio.LoadAsync(PortfolioRows.Production);
    }

    private async Task GenerateAsync()
    {
        if (await GenerateReportDialog.ShowAsync(Dialogs, kinds, ReportKind.Executive) is { } id)
        {
            Navigation.NavigateTo(ReportLinks.Report(id));
        }
    }
}
