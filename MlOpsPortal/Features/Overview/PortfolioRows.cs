using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Overview;

public sealed record PortfolioRow(ModelSummary Model, HealthReport Health, ApprovalStanding? Approval = null, OpenIncidentCount? Incidents = null)
{
    /// <summary>
    /// What the executive summary counts as needing attention: health at warning or worse, or governance lapsing
    /// (re-approval required, or the approval expiring soon).
    /// </summary>
    public bool NeedsAttention =>
        Health.Status is HealthStatus.Warning or HealthStatus.Critical
        || Approval?.Kind is ApprovalStandingKind.ReapprovalRequired or ApprovalStandingKind.Expiring;

    /// <summary>Runs in the environment through an approved deployment (valid, expiring, or waiting for re-approval).</summary>
    public bool Deployed => Approval is { Kind: not ApprovalStandingKind.NotDeployed };
}

/// <summary>
/// Every model's health, approval standing and open incidents in one environment, worst first: the portfolio page
/// shows them all, the executive home counts them.
/// </summary>
public sealed class PortfolioRows(ModelsService models, HealthScore health, RunningDeployments deployments, IncidentsService incidents)
{
    public const string Production = "production";

    public async Task<List<PortfolioRow>> LoadAsync(string environment, CancellationToken cancellationToken = default)
    {
        // Every model, a registry page at a time (a page holds at most ModelQuery.MaxPageSize).
        var all = new List<ModelSummary>();
        for (var index = 0; ; index++)
        {
            var page = await models.ListModelsAsync(new ModelQuery { PageIndex = index, PageSize = ModelQuery.MaxPageSize, SortBy = ModelSort.Key, Descending = false }, cancellationToken);
            all.AddRange(page.Items);
            if (page.Items.Count < ModelQuery.MaxPageSize || all.Count >= page.TotalCount)
            {
                break;
            }
        }

        var keys = all.Select(m => m.Key).ToList();
        // A fixed number of reads for the whole portfolio, whatever the number of models.
        var scores = await health.ComputeAsync(keys, environment, cancellationToken);
        var approvals = await deployments.ApprovalStandingsAsync(keys, environment, cancellationToken);
        var open = await incidents.OpenCountsAsync(keys, environment, cancellationToken);
        var loaded = all.Where(m => scores.ContainsKey(m.Key))
            .Select(m => new PortfolioRow(m, scores[m.Key], approvals[m.Key], open.GetValueOrDefault(m.Key))).ToList();

        // Worst first: critical before warning before healthy, then the lower score, and models without data last.
        return [.. loaded.OrderByDescending(r => Severity(r.Health)).ThenBy(r => r.Health.Score ?? double.MaxValue).ThenBy(r => r.Model.Key)];
    }

    public static int Severity(HealthReport health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return health.Status switch
        {
            HealthStatus.Critical => 3,
            HealthStatus.Warning => 2,
            HealthStatus.Healthy => 1,
            _ => 0,
        };
    }
}
