using System.Collections.Concurrent;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// The <see cref="DeploymentGates.Recorded"/> gates of a version in an environment as last evaluated, shared by every
/// request that reads them while the audit chain's head stays where it was before they were evaluated: every change to
/// what they judge (a card, CI evidence, a quality report run or pruned, the registry's keys and rules, the environment's
/// policy) is audited in its own transaction and moves the head, on whichever instance it is made. Time passes unaudited,
/// so a result is also kept no longer than <see cref="Lifetime"/>: a passing report that ages past its policy's limit
/// fails within that.
/// </summary>
public sealed class SharedGateResults(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Awaiting requests are few (one entry per version and environment asked); past this, the outdated ones go.
    private const int PruneAbove = 2_000;

    private readonly ConcurrentDictionary<(int VersionId, string Environment), Kept> kept = new();

    /// <summary>The gates kept for this version and environment if they were evaluated at this audit head and are still young.</summary>
    public IReadOnlyList<GateResult>? Find(long auditHead, int versionId, string environment) =>
        kept.TryGetValue((versionId, environment), out var found) && found.AuditHead == auditHead && clock.GetUtcNow().UtcDateTime - found.EvaluatedAtUtc < Lifetime
            ? found.Gates
            : null;

    /// <summary>Keeps gates evaluated after reading <paramref name="auditHead"/>; a result of an older head never replaces a newer one.</summary>
    public void Keep(long auditHead, int versionId, string environment, IReadOnlyList<GateResult> gates)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new Kept(auditHead, now, gates);
        kept.AddOrUpdate((versionId, environment), entry, (_, old) => old.AuditHead > auditHead ? old : entry);
        if (kept.Count > PruneAbove)
        {
            foreach (var (key, old) in kept)
            {
                if (old.AuditHead != auditHead || now - old.EvaluatedAtUtc >= Lifetime)
                {
                    kept.TryRemove(new KeyValuePair<(int, string), Kept>(key, old));
                }
            }
        }
    }

    private sealed record Kept(long AuditHead, DateTime EvaluatedAtUtc, IReadOnlyList<GateResult> Gates);
}
