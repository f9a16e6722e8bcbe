using Microsoft.AspNetCore.Components;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Overview;

public sealed record PortfolioRow(ModelSummary Model, HealthReport Health, ApprovalStanding? Approval = null, OpenIncidentCount? Incidents = null);

public sealed partial class PortfolioPage
{
    private static readonly string[] Environments = ["production", "staging", "development"];

    private List<PortfolioRow> rows = [];
    private string environment = "production";
    private string? businessUnit;
    private RiskTier? riskTier;
    private string? expanded;
    private bool loading = true;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private HealthScore Health { get; set; } = default!;

    [Inject]
    private RunningDeployments Deployments { get; set; } = default!;

    [Inject]
    private IncidentsService Incidents { get; set; } = default!;

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
        var page = await Models.ListModelsAsync(new ModelQuery { PageSize = ModelQuery.MaxPageSize, SortBy = ModelSort.Key, Descending = false });
        var loaded = new List<PortfolioRow>(page.Items.Count);
        var open = await Incidents.OpenCountsAsync([.. page.Items.Select(m => m.Key)], environment);
        foreach (var model in page.Items)
        {
            loaded.Add(new PortfolioRow(model, await Health.ComputeAsync(model.Key, environment), await Deployments.ApprovalStandingAsync(model.Key, environment),
                open.GetValueOrDefault(model.Key)));
        }

        // Worst first: critical before warning before healthy, then the lower score, and models without data last.
        rows = [.. loaded.OrderByDescending(r => Severity(r.Health)).ThenBy(r => r.Health.Score ?? double.MaxValue).ThenBy(r => r.Model.Key)];
        loading = false;
    }

    private static int Severity(HealthReport health) => health.Status switch
    {
        HealthStatus.Critical => 3,
        HealthStatus.Warning => 2,
        HealthStatus.Healthy => 1,
        _ => 0,
    };

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
