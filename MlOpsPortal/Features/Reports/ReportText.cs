using System.Globalization;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Reports;

/// <summary>How the report pages write a report's period and hash.</summary>
[FeatureContract]
public static class ReportText
{
    /// <summary>The period as people read it: the last day shown is the day before <paramref name="toUtc"/> (the period's end is excluded).</summary>
    public static string Period(DateTime fromUtc, DateTime toUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{fromUtc:d MMM yyyy} – {toUtc.AddTicks(-1):d MMM yyyy}");

    /// <summary>The first characters of a SHA-256, enough to tell reports apart at a glance; the full hash goes in a tooltip.</summary>
    public static string ShortHash(string? sha256) => sha256 is { Length: > 12 } ? sha256[..12] + "…" : sha256 ?? "—";
}
