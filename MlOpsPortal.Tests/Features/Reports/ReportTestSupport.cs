using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Reports;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>Builds a report body through the registered builder of its kind, and reads its cells as the screen shows them.</summary>
internal static class ReportTestSupport
{
    public static Task<ReportBody> BuildAsync(this IServiceProvider services, ReportKind kind, ReportScope scope) =>
        services.GetServices<IReportBuilder>().Single(b => b.Kind == kind).BuildAsync(scope, _ => Task.CompletedTask, CancellationToken.None);

    /// <summary>The archived JSON of a body, with fixed generation details, to compare two builds or search for names.</summary>
    public static ReportDocument Document(this ReportBody body, ReportKind kind, ReportScope scope) => new(
        kind, kind.Title(), scope.FromUtc, scope.ToUtc, scope.AsOfUtc, scope.AsOfUtc, "Test", body.Headline, body.Sections, body.Definitions);

    public static ReportSection Section(this ReportBody body, string key) => body.Sections.Single(s => s.Key == key);

    public static double? Figure(this ReportSection section, string label) => section.Figures.Single(f => f.Label == label).Value;

    public static ReportTable Table(this ReportBody body, string key) => body.Sections.SelectMany(s => s.Tables).Single(t => t.Key == key);

    /// <summary>Each row as its cells' text, as the screen and CSV show them.</summary>
    public static List<string[]> Texts(this ReportTable table) =>
        [.. table.Rows.Select(row => row.Select((cell, i) => cell.Format(table.Columns[i].Type)).ToArray())];

    public static DateTime Utc(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);
}
