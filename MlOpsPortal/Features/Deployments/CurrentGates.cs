using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>What an environment's gates say of a version before it is requested, and how many approvals it will need.</summary>
public sealed record GatePreview(IReadOnlyList<GateResult> Gates, int RequiredApprovals)
{
    public IReadOnlyList<GateResult> FailingBlocking => [.. Gates.Where(g => g.Blocking && !g.Passed)];
}

/// <summary>
/// Gates as the evidence stands now. A request stores the gates evaluated when it was made and at each approval, but
/// evidence changes in between (a card completed, a report run, an alert resolved): whoever looks at a request still
/// awaiting a decision, or at a version about to be requested, sees them evaluated again, as the approval will.
/// </summary>
public sealed class CurrentGates(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, DeploymentGates gates)
{
    /// <summary>The gates a request of this version to this environment would meet now; null when either is unknown.</summary>
    public async Task<GatePreview?> PreviewAsync(string modelKey, int version, string environmentKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(environmentKey);
        var target = await keys.VersionAsync(modelKey, version, cancellationToken);
        var environment = await keys.EnvironmentAsync(environmentKey, cancellationToken);
        var model = await keys.ModelAsync(modelKey, cancellationToken);
        if (target is null || environment is null || model is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await EnvironmentPolicies.PolicyAsync(db, environment.Id, cancellationToken);
        var evaluated = await gates.EvaluateAsync(target.ModelKey, target.Number, target.VersionId, environment.Key, policy, cancellationToken);
        return new GatePreview(evaluated, policy.ApprovalsFor(model.RiskTier));
    }

    /// <summary>The requests with the gates of those awaiting a decision evaluated now; decided ones keep the gates they were decided on.</summary>
    public async Task<IReadOnlyList<DeploymentRequestView>> RefreshAsync(IReadOnlyList<DeploymentRequestView> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (!requests.Any(r => r.AwaitsDecision))
        {
            return requests;
        }

        // Each kind of evidence is read once for the whole list (the inbox), not once per request.
        var awaiting = requests.Where(r => r.AwaitsDecision).ToList();
        var targets = await keys.VersionsAsync([.. awaiting.Select(r => (r.Model, r.Version)).Distinct()], cancellationToken);
        var environmentIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var environmentKey in awaiting.Select(r => r.Environment).Distinct(StringComparer.Ordinal))
        {
            environmentIds[environmentKey] = (await keys.EnvironmentAsync(environmentKey, cancellationToken))!.Id;
        }

        IReadOnlyDictionary<int, EnvironmentPolicy> policies;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            policies = await EnvironmentPolicies.PoliciesAsync(db, environmentIds.Values, cancellationToken);
        }

        var evaluated = awaiting.Where(r => targets.ContainsKey((r.Model, r.Version))).ToList();
        var subjects = evaluated.Select(r => targets[(r.Model, r.Version)])
            .Zip(evaluated, (target, r) => new GatedVersion(target.ModelKey, target.Number, target.VersionId, r.Environment, policies[environmentIds[r.Environment]])).ToList();
        var gatesOf = evaluated.Zip(await gates.EvaluateAsync(subjects, cancellationToken)).ToDictionary(p => p.First.Id, p => p.Second);
        return [.. requests.Select(r => gatesOf.TryGetValue(r.Id, out var fresh) ? r with { Gates = fresh } : r)];
    }

    public async Task<DeploymentRequestView> RefreshAsync(DeploymentRequestView request, CancellationToken cancellationToken = default) =>
        (await RefreshAsync([request], cancellationToken))[0];
}
