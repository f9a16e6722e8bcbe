namespace MlOpsPortal.Features.Reports;

/// <summary>What a report covers: the period [<see cref="FromUtc"/>, <see cref="ToUtc"/>) and nothing recorded after <see cref="AsOfUtc"/>.</summary>
public sealed record ReportScope(DateTime FromUtc, DateTime ToUtc, DateTime AsOfUtc)
{
    public DateOnly FirstDay => DateOnly.FromDateTime(FromUtc);

    /// <summary>The last whole or partial day of the period.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(ToUtc.AddTicks(-1));

    /// <summary>The end of what may be counted: the period's end, or the as-of time when that is earlier.</summary>
    public DateTime EndUtc => ToUtc < AsOfUtc ? ToUtc : AsOfUtc;

    public int Days => Math.Max(1, (int)Math.Ceiling((ToUtc - FromUtc).TotalDays));
}

/// <summary>The figures of one report kind, before they are dressed as a <see cref="ReportDocument"/>.</summary>
public sealed record ReportBody(string Headline, IReadOnlyList<ReportSection> Sections, IReadOnlyList<ReportDefinition> Definitions);

/// <summary>
/// Computes one kind of report. Builders read only data recorded up to the scope's as-of time, so the same scope gives
/// the same figures whenever it is generated. <c>progress</c> takes 0–100 as each part is done.
/// </summary>
public interface IReportBuilder
{
    ReportKind Kind { get; }

    Task<ReportBody> BuildAsync(ReportScope scope, Func<int, Task> progress, CancellationToken cancellationToken);
}
