using Microsoft.AspNetCore.Components;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Overview;

public sealed partial class PortfolioPage
{
    private PortfolioFilter filter = new(PortfolioRows.Production);
    private PortfolioSnapshot? snapshot;
    private PortfolioPageRows? view;
    private IReadOnlyDictionary<HealthStatus, int> counts = new Dictionary<HealthStatus, int>();
    private IReadOnlyList<string> units = [];
    private IReadOnlyList<EnvironmentRef> environments = [];
    private string? expanded;

    [SupplyParameterFromQuery(Name = "env")]
    public string? EnvironmentQuery { get; set; }

    [SupplyParameterFromQuery(Name = "unit")]
    public string? UnitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "tier")]
    public string? TierQuery { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = "dir")]
    public string? DirectionQuery { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageQuery { get; set; }

    [Inject]
    private PortfolioCache Portfolio { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        environments = await Keys.EnvironmentsAsync();
        filter = PortfolioFilter.Parse(environments.Select(e => e.Key), EnvironmentQuery, UnitQuery, TierQuery, SearchQuery, SortQuery, DirectionQuery, PageQuery);
        if (snapshot?.Environment != filter.Environment)
        {
            (snapshot, view, expanded) = (null, null, null);
        }

        // Shared by everyone and at most PortfolioCache.MaxAge old; only the page's rows are rendered.
        snapshot = await Portfolio.GetAsync(filter.Environment);
        counts = PortfolioView.CountByStatus(snapshot.Rows);
        units = [.. snapshot.Rows.Select(r => r.Model.BusinessUnit).Distinct().Order(StringComparer.CurrentCulture)];
        view = PortfolioView.Apply(snapshot.Rows, filter);
    }

    /// <summary>Puts the view in the address (replaced: no history entry per keystroke); the new parameters show it.</summary>
    private void Show(PortfolioFilter next) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.Parameters), replace: true);

    /// <summary>A link rather than a click handler: it sorts on the server, and works before the page is interactive.</summary>
    private string SortHref(PortfolioSort sort)
    {
        var descending = filter.Sort == sort ? !filter.Descending : PortfolioFilter.DescendingByDefault(sort);
        return Navigation.GetUriWithQueryParameters((filter with { Sort = sort, Descending = descending, Page = 1 }).Parameters);
    }

    private string? AriaSort(PortfolioSort sort) => filter.Sort != sort ? null : filter.Descending ? "descending" : "ascending";

    private static string OpenText(OpenIncidentCount open) =>
        string.Join(" · ", new[] { ("P1", open.P1), ("P2", open.P2), ("P3", open.P3), ("P4", open.P4) }.Where(p => p.Item2 > 0).Select(p => $"{p.Item2} {p.Item1}"));

    private static string Weakest(HealthReport health) =>
        health.Parts.Where(p => p.Score is not null).OrderBy(p => p.Score).FirstOrDefault() is { } part
            ? $"{HealthDisplay.Name(part.Component)}: {part.Explanation}"
            : "No data yet";
}
