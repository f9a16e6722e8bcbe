using MlOpsPortal.Infrastructure.Audit;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>The security audit's "Refused access": requests the portal refused, per day and per person and address.</summary>
internal static class SecurityRefusalsSection
{
    public static ReportSection Build(ReportScope scope, IReadOnlyList<AuditEvent> refusals)
    {
        var days = DaysBetween(scope.FirstDay, DateOnly.FromDateTime(scope.EndUtc.AddTicks(-1)));
        var perDay = refusals.GroupBy(e => DateOnly.FromDateTime(e.OccurredAtUtc)).ToDictionary(g => g.Key, g => g.Count());
        var rows = refusals.GroupBy(e => (e.ActorId, e.ActorName, Path: e.EntityId ?? string.Empty))
            .Select(g => (g.Key.ActorName, g.Key.Path, Count: g.Count(), Last: Utc(g.Max(e => e.OccurredAtUtc))))
            .OrderByDescending(r => r.Count).ThenBy(r => r.ActorName, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
        var people = refusals.Where(e => e.ActorId != AuditActor.Anonymous.Id).Select(e => e.ActorId).Distinct(StringComparer.Ordinal).Count();
        var lead = refusals.Count == 0
            ? "The portal refused no request in the period."
            : $"The portal refused {Plural(refusals.Count, "request", "requests")} in the period, from {Plural(people, "signed-in person", "signed-in people")}"
                + $"{(refusals.Any(e => e.ActorId == AuditActor.Anonymous.Id) ? " and callers who were not signed in" : string.Empty)}: "
                + "someone opened a page or called the API their roles do not allow.";
        return new ReportSection("refused-access", "Failed and refused access", lead,
            [Figure("Refused requests", refusals.Count), Figure("People refused", people), Figure("Addresses refused", rows.Select(r => r.Path).Distinct().Count())],
            [new ReportChart("Refused requests per day", ReportChartKind.Bar, "requests", [.. days.Select(Day)], [new ReportSeries("Refused", [.. days.Select(d => (double)perDay.GetValueOrDefault(d))])])],
            [
                new ReportTable("refused-access", "Refused requests by person and address", [Text("Person"), Text("Address"), Counted("Refusals"), When("Last")],
                    [.. rows.Select(r => Row(ReportCell.Of(r.ActorName), ReportCell.Of(r.Path), ReportCell.Of(r.Count), ReportCell.Of(r.Last)))],
                    "No request was refused."),
            ]);
    }
}
