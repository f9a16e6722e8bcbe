using System.Globalization;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Features.Access;

/// <summary>One event of the log with its sentence.</summary>
public sealed record AuditLine(AuditEvent Event, AuditSentence Sentence);

/// <summary>
/// Tells a batch of events as sentences, looking up in one read what their deployment requests ask (model, version,
/// environment), which the request's later events do not repeat.
/// </summary>
public sealed class AuditNarrator(AuditSentences sentences, RunningDeployments deployments)
{
    public AuditSentences Sentences => sentences;

    public async Task<IReadOnlyList<AuditLine>> DescribeAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var requests = await deployments.SubjectsAsync(events.Select(RequestId).OfType<int>(), cancellationToken);
        return [.. events.Select(e => new AuditLine(e, sentences.Describe(new AuditFacts(e, RequestId(e) is { } id ? requests.GetValueOrDefault(id) : null))))];
    }

    private static int? RequestId(AuditEvent e) =>
        e.EntityType == "DeploymentRequest" && int.TryParse(e.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
}
