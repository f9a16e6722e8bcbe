using Microsoft.AspNetCore.Components;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Overview;

public sealed partial class PortfolioPage
{
    private static readonly string[] Environments = [PortfolioRows.Production, "staging", "development"];

    private List<PortfolioRow> rows = [];
    private string environment = PortfolioRows.Production;
    private string? businessUnit;
    private RiskTier? riskTier;
    private string? expanded;
    private bool loading = true;

    [Inject]
    private PortfolioRows Portfolio { get; set; } = default!;

    private IEnumerable<PortfolioRow> Visible => rows
        .Where(r => businessUnit is null || r.Model.BusinessUnit == businessUnit)
        .Where(r => riskTier is null || r.Model.RiskTier == riskTier);

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task ChangeEnvironmentAsync(string value)
    {
        environment = value;
        expanded = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        rows = await Portfolio.LoadAsync(environment);
        loading = false;
    }

    private static int Severity(HealthReport health) => PortfolioRows.Severity(health);

    /// <summary>Sorts the most urgent first: a P1 outweighs any number of P2s, and so on down.</summary>
    private static long IncidentWeight(OpenIncidentCount? open) =>
        open is null ? 0 : (open.P1 * 1_000_000L) + (open.P2 * 10_000L) + (open.P3 * 100L) + open.P4;

    private static string OpenText(OpenIncidentCount open) =>
        string.Join(" · ", new[] { ("P1", open.P1), ("P2", open.P2), ("P3", open.P3), ("P4", open.P4) }.Where(p => p.Item2 > 0).Select(p => $"{p.Item2} {p.Item1}"));

    private static string Weakest(HealthReport health) =>
        health.Parts.Where(p => p.Score is not null).OrderBy(p => p.Score).FirstOrDefault() is { } part
            ? $"{HealthDisplay.Name(part.Component)}: {part.Explanation}"
            : "No data yet";
}
