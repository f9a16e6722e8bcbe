using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Caching;
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
/// awaiting a decision, or at a version about to be requested, sees them as the approval would evaluate them now. For a
/// request, the gates judging recorded evidence (<see cref="DeploymentGates.Recorded"/>) are shared with everyone who read
/// them since that evidence last changed: every change to it (a card, CI evidence, a quality report run or pruned, the
/// registry's keys and rules, the environment's policy) is audited in its own transaction and moves the audit chain's
/// head, on whichever instance it is made. A passing report ageing past its policy's limit moves nothing, so shared
/// results are at most <see cref="SharedFor"/> old. The alerts gate is evaluated on every read.
/// </summary>
public sealed class CurrentGates(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, DeploymentGates gates, TimeProvider clock)
{
    public static readonly TimeSpan SharedFor = TimeSpan.FromSeconds(30);

    private readonly StampedResults<(int VersionId, string Environment), long, IReadOnlyList<GateResult>> shared = new(clock, SharedFor);

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
        long auditHead;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Read before any evidence: a change committed after it moves the head, so what is kept below is never newer than its stamp says.
            auditHead = await AuditHead.SequenceAsync(db);
            policies = await EnvironmentPolicies.PoliciesAsync(db, environmentIds.Values, cancellationToken);
        }

        var evaluated = awaiting.Where(r => targets.ContainsKey((r.Model, r.Version))).ToList();
        var subjects = evaluated.Select(r => targets[(r.Model, r.Version)])
            .Zip(evaluated, (target, r) => new GatedVersion(target.ModelKey, target.Number, target.VersionId, r.Environment, policies[environmentIds[r.Environment]])).ToList();
        var recorded = subjects.Select(s => shared.Find((s.ModelVersionId, s.EnvironmentKey), auditHead)).ToList();
        var missing = subjects.Where((_, i) => recorded[i] is null).DistinctBy(s => (s.ModelVersionId, s.EnvironmentKey)).ToList();
        if (missing.Count > 0)
        {
            var evaluatedNow = missing.Zip(await gates.EvaluateAsync(missing, DeploymentGates.Recorded, cancellationToken))
                .ToDictionary(p => (p.First.ModelVersionId, p.First.EnvironmentKey), p => p.Second);
            foreach (var ((versionId, environment), results) in evaluatedNow)
            {
                shared.Keep((versionId, environment), auditHead, results);
            }

            recorded = [.. subjects.Select((s, i) => recorded[i] ?? evaluatedNow[(s.ModelVersionId, s.EnvironmentKey)])];
        }

        // Alerts are read on every refresh: they fire and resolve without moving the audit head.
        var live = await gates.EvaluateAsync(subjects, DeploymentGates.Live, cancellationToken);
        var gatesOf = evaluated.Select((r, i) => (r.Id, Gates: (IReadOnlyList<GateResult>)[.. recorded[i]!, .. live[i]])).ToDictionary(p => p.Id, p => p.Gates);
        return [.. requests.Select(r => gatesOf.TryGetValue(r.Id, out var fresh) ? r with { Gates = fresh } : r)];
    }

    public async Task<DeploymentRequestView> RefreshAsync(DeploymentRequestView request, CancellationToken cancellationToken = default) =>
        (await RefreshAsync([request], cancellationToken))[0];
}
