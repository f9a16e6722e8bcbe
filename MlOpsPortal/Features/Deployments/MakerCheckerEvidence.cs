using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// An approval a person recorded on a deployment of a model they helped build; <see cref="Contribution"/> says how
/// (requested this deployment, registered this or another version, created the model).
/// </summary>
[FeatureContract]
public sealed record OwnModelApproval(int RequestId, string Model, int Version, string Environment, DateTime ApprovedAtUtc, string Contribution);

/// <summary>An <see cref="OwnModelApproval"/> with who recorded it: one maker-checker exception.</summary>
[FeatureContract]
public sealed record OwnModelApprovalBy(string ApproverId, string ApproverName, OwnModelApproval Approval);

/// <summary>
/// Evidence that maker-checker held for one person, for the people pages and access reviews: the approvals they
/// recorded of models they contributed to. The decision service and the database refuse the requester's and the
/// version registrant's approvals; the model's creator, a registrant of another version of it, or someone who became a
/// contributor after approving is not refused, so whatever this finds is for a reviewer to judge.
/// </summary>
[FeatureContract]
public sealed class MakerCheckerEvidence(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys)
{
    /// <summary>
    /// Approvals by <paramref name="personId"/> (an audit actor id) of requests for models they contributed to: they
    /// requested the deployment, registered the version, created the model or registered any of its versions. Newest first.
    /// </summary>
    public async Task<IReadOnlyList<OwnModelApproval>> OwnModelApprovalsAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // DeploymentApprovals has no index led by the approver; a person's approvals are few, the table grows by a
        // handful a day, and this runs on one person's page at a time.
        var approvals = await ApprovalsAsync(db.DeploymentApprovals.AsNoTracking().Where(a => a.ApproverId == personId), db, cancellationToken);
        return await OwnOfAsync(personId, approvals, cancellationToken);
    }

    /// <summary>
    /// Every approval recorded in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) of a model its approver contributed
    /// to, for the security audit: the maker-checker exceptions of a period, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<OwnModelApprovalBy>> OwnModelApprovalsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var approvals = await ApprovalsAsync(
            db.DeploymentApprovals.AsNoTracking().Where(a => a.ApprovedAtUtc >= fromUtc && a.ApprovedAtUtc < toUtc), db, cancellationToken);
        var found = new List<OwnModelApprovalBy>();
        foreach (var approver in approvals.GroupBy(a => (a.ApproverId, a.ApproverName)))
        {
            found.AddRange((await OwnOfAsync(approver.Key.ApproverId, [.. approver], cancellationToken))
                .Select(a => new OwnModelApprovalBy(approver.Key.ApproverId, approver.Key.ApproverName, a)));
        }

        return [.. found.OrderBy(f => f.Approval.ApprovedAtUtc).ThenBy(f => f.Approval.RequestId)];
    }

    private sealed record ApprovalRow(
        int RequestId, int ModelId, int ModelVersionId, int EnvironmentId, string? RequesterId, string? RegistrantId, string ApproverId, string ApproverName, DateTime ApprovedAtUtc);

    private static async Task<List<ApprovalRow>> ApprovalsAsync(IQueryable<DeploymentApproval> approvals, PortalDbContext db, CancellationToken cancellationToken) =>
        await approvals.Join(db.DeploymentRequests.AsNoTracking(), a => a.RequestId, r => r.Id,
                (a, r) => new ApprovalRow(r.Id, r.ModelId, r.ModelVersionId, r.EnvironmentId, r.RequesterId, r.RegistrantId, a.ApproverId, a.ApproverName, a.ApprovedAtUtc))
            .ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<OwnModelApproval>> OwnOfAsync(string personId, List<ApprovalRow> approvals, CancellationToken cancellationToken)
    {
        if (approvals.Count == 0)
        {
            return [];
        }

        var contributions = (await keys.ContributionsAsync(personId, approvals.Select(a => a.ModelId), cancellationToken)).ToDictionary(c => c.ModelId);
        var versions = await keys.VersionsAsync(approvals.Select(a => a.ModelVersionId), cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. approvals.OrderByDescending(a => a.ApprovedAtUtc).Select(a =>
            {
                var version = versions[a.ModelVersionId];
                var contribution = Describe(a.RequesterId == personId, a.RegistrantId == personId ? version.Number : null, contributions.GetValueOrDefault(a.ModelId));
                return new OwnModelApproval(a.RequestId, version.ModelKey, version.Number, environments.GetValueOrDefault(a.EnvironmentId, "?"), a.ApprovedAtUtc, contribution);
            })
            .Where(a => a.Contribution.Length > 0)];
    }

    /// <summary>How the approver contributed, in words; empty when they did not.</summary>
    /// <param name="registeredVersion">The requested version's number when the request names them as its registrant.</param>
    private static string Describe(bool requested, int? registeredVersion, ModelContribution? model)
    {
        var parts = new List<string>();
        if (requested)
        {
            parts.Add("requested this deployment");
        }

        if (model?.CreatedModel == true)
        {
            parts.Add("created the model");
        }

        var registered = (model?.RegisteredVersions ?? []).Concat(registeredVersion is { } number ? [number] : []).Distinct().Order().ToList();
        if (registered.Count > 0)
        {
            parts.Add("registered " + string.Join(", ", registered.Select(n => "v" + n.ToString(CultureInfo.InvariantCulture))));
        }

        return string.Join("; ", parts);
    }
}
