using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// What runs in an environment now, and whether its approval still holds: the request page and the approvals inbox
/// compare against it, the health score and the portfolio read its standing.
/// </summary>
[FeatureContract]
public sealed class RunningDeployments(
    IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, DeploymentRequestStore store, TimeProvider clock)
{
    /// <summary>What runs in an environment now (Deployed, or Deployed whose approval lapsed), other than <paramref name="exceptId"/>.</summary>
    public async Task<DeploymentRequestView?> DeployedNowAsync(string modelKey, string environmentKey, int? exceptId = null, CancellationToken cancellationToken = default)
    {
        var modelId = await keys.ModelIdAsync(modelKey, cancellationToken);
        var environment = await keys.EnvironmentAsync(environmentKey, cancellationToken);
        if (modelId is null || environment is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var running = (await RunningVersionsAsync(db, [(modelId.Value, environment.Id, exceptId)], cancellationToken))[0];
        return running is null ? null : await store.ViewAsync(db, running.RequestId, cancellationToken);
    }

    /// <summary>
    /// Which request and version run now for each (model, environment, except) asked, and on what approval, in the order
    /// asked (null where nothing runs), in one read: the inbox names the version beside each card, and an approval's
    /// standing (every health score) needs no more of the request than this.
    /// </summary>
    internal static async Task<IReadOnlyList<RunningVersion?>> RunningVersionsAsync(
        PortalDbContext db, IReadOnlyList<(int ModelId, int EnvironmentId, int? ExceptId)> asked, CancellationToken cancellationToken)
    {
        var modelIds = asked.Select(a => a.ModelId).Distinct().ToList();
        var running = modelIds.Count == 0 ? [] : await db.DeploymentRequests.AsNoTracking()
            .Where(r => (r.State == DeploymentState.Deployed || r.State == DeploymentState.ReapprovalRequired) && r.DeployedAtUtc != null && modelIds.Contains(r.ModelId))
            .Select(r => new { r.Id, r.ModelId, r.EnvironmentId, r.DeployedAtUtc, r.ModelVersionId, r.State, r.ApprovalExpiresAtUtc }).ToListAsync(cancellationToken);
        var chosen = asked.Select(a => running.Where(r => r.ModelId == a.ModelId && r.EnvironmentId == a.EnvironmentId && r.Id != a.ExceptId)
            .OrderByDescending(r => r.DeployedAtUtc).ThenByDescending(r => r.Id).FirstOrDefault()).ToList();
        var versionIds = chosen.Where(r => r is not null).Select(r => r!.ModelVersionId).Distinct().ToList();
        // On this context's connection, as DeploymentRequestStore.ViewsAsync reads versions.
        var versions = versionIds.Count == 0 ? new Dictionary<int, VersionRef>() : await RegistryKeys.VersionsAsync(db, versionIds, cancellationToken);
        return [.. chosen.Select(r => r is null ? null : new RunningVersion(r.Id, versions[r.ModelVersionId].Number, r.State, r.ApprovalExpiresAtUtc))];
    }

    /// <summary>
    /// What runs on an approval that lapsed, or lapses within <see cref="ReapproveDeploymentsJob.ExpiryWarningDays"/> days,
    /// soonest first: an approver's to renew.
    /// </summary>
    public async Task<IReadOnlyList<DeploymentRequestView>> LapsingAsync(CancellationToken cancellationToken = default)
    {
        var until = clock.GetUtcNow().UtcDateTime.AddDays(ReapproveDeploymentsJob.ExpiryWarningDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.DeploymentRequests.AsNoTracking()
            .Where(r => r.State == DeploymentState.ReapprovalRequired || (r.State == DeploymentState.Deployed && r.ApprovalExpiresAtUtc <= until))
            .OrderBy(r => r.ApprovalExpiresAtUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        return [.. (await store.ViewsAsync(db, ids, cancellationToken)).OrderBy(r => r.ApprovalExpiresAtUtc)];
    }

    /// <summary>Governance of one model in one environment: is what runs there approved, nearly lapsed, or lapsed?</summary>
    public async Task<ApprovalStanding> ApprovalStandingAsync(string modelKey, string environmentKey, CancellationToken cancellationToken = default) =>
        (await ApprovalStandingsAsync([modelKey], environmentKey, cancellationToken))[modelKey];

    /// <summary>The approval standing of each of <paramref name="modelKeys"/> in one environment, in a fixed number of reads; unknown models are not deployed.</summary>
    public async Task<IReadOnlyDictionary<string, ApprovalStanding>> ApprovalStandingsAsync(
        IReadOnlyCollection<string> modelKeys, string environmentKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelKeys);
        var wanted = modelKeys.Distinct(StringComparer.Ordinal).ToList();
        var models = await keys.ModelsAsync(wanted, cancellationToken);
        var environment = await keys.EnvironmentAsync(environmentKey, cancellationToken);
        var deployed = new Dictionary<string, RunningVersion?>(StringComparer.Ordinal);
        if (environment is not null && models.Count > 0)
        {
            var asked = models.Values.Select(m => (m.Id, environment.Id, (int?)null)).ToList();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = await RunningVersionsAsync(db, asked, cancellationToken);
            foreach (var (model, view) in models.Values.Zip(now))
            {
                deployed[model.Key] = view;
            }
        }

        return wanted.ToDictionary(key => key, key => Standing(deployed.GetValueOrDefault(key), environmentKey), StringComparer.Ordinal);
    }

    private ApprovalStanding Standing(RunningVersion? deployed, string environmentKey)
    {
        if (deployed is null)
        {
            return new ApprovalStanding(ApprovalStandingKind.NotDeployed, null, null, $"Nothing is deployed to {environmentKey} through the portal.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var expires = deployed.ApprovalExpiresAtUtc;
        if (deployed.State == DeploymentState.ReapprovalRequired)
        {
            return new ApprovalStanding(ApprovalStandingKind.ReapprovalRequired, deployed.Version, expires,
                $"v{deployed.Version} runs on an approval that expired {expires:yyyy-MM-dd}: re-approval required.");
        }

        const int warningDays = ReapproveDeploymentsJob.ExpiryWarningDays;
        return expires is { } at && at - now <= TimeSpan.FromDays(warningDays)
            ? new ApprovalStanding(ApprovalStandingKind.Expiring, deployed.Version, expires, $"v{deployed.Version}'s approval expires {at:yyyy-MM-dd}, within {warningDays} days.")
            : new ApprovalStanding(ApprovalStandingKind.Valid, deployed.Version, expires, $"v{deployed.Version} approved until {expires:yyyy-MM-dd}.");
    }

    /// <summary>What each of <paramref name="ids"/> asks to deploy, so the audit log can name a request by its model, version and environment.</summary>
    public async Task<IReadOnlyDictionary<int, DeploymentRequestSubject>> SubjectsAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, DeploymentRequestSubject>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeploymentRequests.AsNoTracking().Where(r => wanted.Contains(r.Id))
            .Select(r => new { r.Id, r.ModelVersionId, r.EnvironmentId }).ToListAsync(cancellationToken);
        var versions = await keys.VersionsAsync(rows.Select(r => r.ModelVersionId), cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return rows.ToDictionary(r => r.Id, r => new DeploymentRequestSubject(r.Id, versions[r.ModelVersionId].ModelKey, versions[r.ModelVersionId].Number, environments[r.EnvironmentId]));
    }

    /// <summary>
    /// Every request raised up to <paramref name="asOfUtc"/>, as it stood then: what happened later is left out, so a
    /// report for a past period reads the same whenever it is made. For portfolio reports; one read for all models.
    /// </summary>
    public async Task<IReadOnlyList<DeploymentHistoryRecord>> HistoryAsync(DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeploymentRequests.AsNoTracking().Where(r => r.CreatedAtUtc <= asOfUtc)
            .Select(r => new { r.ModelId, r.EnvironmentId, r.State, r.CreatedAtUtc, r.ApprovedAtUtc, r.DeployedAtUtc, r.ApprovalExpiresAtUtc, r.StateChangedAtUtc })
            .ToListAsync(cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. rows.Select(r =>
        {
            var changedByThen = r.StateChangedAtUtc <= asOfUtc;
            var ended = changedByThen && r.State is DeploymentState.Rejected or DeploymentState.Withdrawn or DeploymentState.Expired
                or DeploymentState.Superseded or DeploymentState.RolledBack;
            var approved = r.ApprovedAtUtc <= asOfUtc ? r.ApprovedAtUtc : null;
            var deployed = r.DeployedAtUtc <= asOfUtc ? r.DeployedAtUtc : null;
            return new DeploymentHistoryRecord(
                r.ModelId, environments[r.EnvironmentId], r.CreatedAtUtc, approved, deployed,
                r.State == DeploymentState.Rejected && changedByThen ? r.StateChangedAtUtc : null,
                approved is null ? null : r.ApprovalExpiresAtUtc,
                Approved: approved is not null && !ended,
                Running: deployed is not null && !ended);
        })];
    }
}

/// <summary>
/// One deployment request as it stood at a report's as-of time: times after it are null. <see cref="Approved"/>: its
/// approval was given and the request had not ended (rejected, withdrawn, expired, superseded or rolled back);
/// <see cref="Running"/>: it was also deployed.
/// </summary>
[FeatureContract]
public sealed record DeploymentHistoryRecord(
    int ModelId, string Environment, DateTime RequestedAtUtc, DateTime? ApprovedAtUtc, DateTime? DeployedAtUtc, DateTime? RejectedAtUtc,
    DateTime? ApprovalExpiresAtUtc, bool Approved, bool Running);

/// <summary>What a deployment request asks: this version of this model in this environment.</summary>
[FeatureContract]
public sealed record DeploymentRequestSubject(int Id, string Model, int Version, string Environment);
