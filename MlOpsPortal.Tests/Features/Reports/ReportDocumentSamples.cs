using MlOpsPortal.Features.Reports;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// A small fixed report for renderer and download tests: two sections; a grouped bar, a stacked bar and a line chart;
/// tables with every column type; two empty tables (one with its own text, one without); a table long enough to run
/// onto a second page; a person with a non-ASCII name; a value that a spreadsheet would take for a formula.
/// </summary>
public static class ReportDocumentSamples
{
    public const string NonAsciiName = "Zoë Ørsted";
    public const string FormulaLikeModel = "=cmd|' /C calc'!A0";

    /// <summary>Rows of <see cref="DeploymentsTable"/>: more than fit under the section's chart, fewer than two pages hold.</summary>
    public const int DeploymentRows = 45;

    public const string AttentionTable = "models-needing-attention";
    public const string LapsedTable = "approvals-lapsed";
    public const string DeploymentsTable = "deployments";
    public const string RefusedTable = "refused-deployments";

    public static readonly DateTime FromUtc = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime ToUtc = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime AsOfUtc = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime GeneratedAtUtc = new(2025, 4, 1, 6, 30, 0, DateTimeKind.Utc);

    public static ReportDocument Executive() => new(
        ReportKind.Executive,
        "Executive report, March 2025",
        FromUtc,
        ToUtc,
        AsOfUtc,
        GeneratedAtUtc,
        NonAsciiName,
        "3 of 42 production models need attention; deployments took 2.5 days from request to production.",
        [Inventory(), Deployments()],
        [
            new("Production model", "A model version deployed to the production environment on the as-of date."),
            new("Needs attention", "A production model with no monitoring data in the last 7 days, incomplete documentation, no owner, or an approval that lapsed or expires within 30 days."),
            new("Health", "The share of a model's checks that passed in the period, from 0 % to 100 %."),
            new("Lead time", "Hours from a deployment request to the deployment, for requests deployed in the period."),
        ]);

    /// <summary>The rows of the long deployments table, so tests can name the first and the last.</summary>
    public static IReadOnlyList<(string Request, string Model, string Environment, DateTime Requested, DateOnly Approved, double LeadHours)> DeploymentRowsData { get; } =
        [.. Enumerable.Range(0, DeploymentRows).Select(i => (
            $"DR-{1000 + i}",
            $"model-{i:00}",
            i % 3 == 0 ? "production" : "staging",
            FromUtc.AddHours(9 + i * 15.5),
            DateOnly.FromDateTime(FromUtc.AddHours(9 + i * 15.5 + 20)),
            12.5 + i % 7 * 8.25))];

    private static ReportSection Inventory() => new(
        "inventory",
        "Inventory and health",
        "3 of 42 production models need attention: two sent no monitoring data this week and one has an approval that lapsed.",
        [
            new("Production models", 42, "42"),
            new("Need attention", 3, "3"),
            new("Healthy share", 0.881, "88.1 %"),
            new("Newest production model", null, "fraud-scorer v7"),
        ],
        [
            new("Models by risk tier", ReportChartKind.Bar, "models", ["High", "Medium", "Low"],
                [new("Production", [5, 17, 20]), new("Staging", [2, 6, 9])]),
            new("Health by business unit", ReportChartKind.StackedBar, "models", ["Retail", "Payments", "Risk"],
                [new("Healthy", [14, 12, 11]), new("Warning", [1, 2, 0]), new("Critical", [0, 1, 1])]),
        ],
        [
            new(AttentionTable, "Models needing attention",
                [
                    new("Model", ReportColumnType.Text), new("Owner", ReportColumnType.Text), new("Health", ReportColumnType.Percent),
                    new("Open incidents", ReportColumnType.Count), new("Last data", ReportColumnType.DateTime), new("Approval expires", ReportColumnType.Date),
                ],
                [
                    [ReportCell.Of("churn-predictor"), ReportCell.Of(NonAsciiName), ReportCell.Of(0.625), ReportCell.Of(2), ReportCell.Of(new DateTime(2025, 3, 24, 17, 5, 0, DateTimeKind.Utc)), ReportCell.Of(new DateOnly(2025, 6, 30))],
                    [ReportCell.Of(FormulaLikeModel), ReportCell.Of("Ana Lima"), ReportCell.Of(0.9), ReportCell.Of(0), ReportCell.Of((DateTime?)null), ReportCell.Of(new DateOnly(2025, 4, 12))],
                    [ReportCell.Of("fraud-scorer"), ReportCell.Of((string?)null), ReportCell.Of(0.75), ReportCell.Of(1234), ReportCell.Of(new DateTime(2025, 3, 31, 22, 15, 0, DateTimeKind.Utc)), ReportCell.Of(new DateOnly(2025, 3, 20))],
                ]),
            new(LapsedTable, "Approvals lapsed", [new("Model", ReportColumnType.Text), new("Lapsed", ReportColumnType.Date)], [], "No approval lapsed in this period."),
        ]);

    private static ReportSection Deployments() => new(
        "deployments",
        "Deployments: requests, approvals and lead time",
        "45 deployments went out in March; half of them reached production within 2.5 days of the request.",
        [new("Deployments", DeploymentRows, "45"), new("Median lead time", 60, "2.5 days"), new("Rejected", 0, "0")],
        [
            new("Deployments per week", ReportChartKind.Line, "deployments", ["W09", "W10", "W11", "W12", "W13", "W14"],
                [new("Requested", [9, 12, 8, 11, 10, 2]), new("Deployed", [7, 11, 9, 10, 7, 1])]),
        ],
        [
            new(RefusedTable, "Refused deployments", [new("Request", ReportColumnType.Count), new("Reason", ReportColumnType.Text)], []),
            new(DeploymentsTable, "Deployments",
                [
                    new("Request", ReportColumnType.Text), new("Model", ReportColumnType.Text), new("Environment", ReportColumnType.Text),
                    new("Requested", ReportColumnType.DateTime), new("Approved", ReportColumnType.Date), new("Lead time (hours)", ReportColumnType.Number),
                ],
                [.. DeploymentRowsData.Select(d => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(d.Request), ReportCell.Of(d.Model), ReportCell.Of(d.Environment), ReportCell.Of(d.Requested), ReportCell.Of(d.Approved), ReportCell.Of(d.LeadHours),
                ])]),
        ]);
}
