using MlOpsPortal.Features.Access;

namespace MlOpsPortal.Features.Health;

/// <summary>How the audit log reads the health feature's events; registered here because Health sits above the log's page (Access).</summary>
internal sealed class HealthAuditVocabulary : IAuditVocabulary
{
    public IReadOnlyList<AuditFamily> Families { get; } = [new("health", "Health (health.*)", ["health"])];

    public IReadOnlyList<AuditPhrase> Phrases { get; } =
    [
        new(WatchShadowDeploymentsJob.Action, "found {thing} sending {environment} metrics without an approved deployment there (a shadow deployment)"),
    ];

    public IReadOnlyDictionary<string, Func<AuditFacts, AuditThing?>> Things { get; } = new Dictionary<string, Func<AuditFacts, AuditThing?>>(StringComparer.Ordinal);
}
