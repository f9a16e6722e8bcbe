using System.Globalization;
using MlOpsPortal.Features.Access;

namespace MlOpsPortal.Features.Reports;

/// <summary>How the audit log reads the reports' events; registered here because Reports sits above the log's page (Access).</summary>
internal sealed class ReportsAuditVocabulary : IAuditVocabulary
{
    public IReadOnlyList<AuditFamily> Families { get; } = [new("reports", "Reports (report.*, report-subscription.*)", ["report", "report-subscription"])];

    public IReadOnlyList<AuditPhrase> Phrases { get; } =
    [
        new("report.requested", "requested {thing}"),
        new("report.generated", "generated {thing}"),
        new("report.downloaded", "downloaded {thing} as {format}"),
        new(ReportNameReveal.RevealedAction, "revealed the people's names in {thing}"),
        new(SendScheduledReportsJob.MailedAction, "mailed {thing} to {to}"),
        new(ReportSubscriptions.CreatedAction, "subscribed {email} to {thing}"),
        new(ReportSubscriptions.CancelledAction, "cancelled {thing}"),
        new(SendScheduledReportsJob.SkippedAction, "skipped a run of {thing}"),
    ];

    public IReadOnlyDictionary<string, Func<AuditFacts, AuditThing?>> Things { get; } = new Dictionary<string, Func<AuditFacts, AuditThing?>>(StringComparer.Ordinal)
    {
        [nameof(Report)] = f => int.TryParse(f.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? new((ReportKinds.Parse(f.Text("kind")) is { } kind ? $"the {kind.Title().ToLowerInvariant()}" : "report") + $" #{id}", ReportLinks.Report(id))
            : null,
        [nameof(ReportSubscription)] = f => new(
            "the " + (ReportKinds.Parse(f.Text("kind")) is { } kind ? kind.Title().ToLowerInvariant() + " " : string.Empty) + $"subscription #{f.EntityId}", ReportLinks.Subscriptions),
    };
}
