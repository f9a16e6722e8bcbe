using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Features.Incidents;

/// <summary><c>GET /api/v1/incidents/metrics?from=&amp;to=</c>: the measures of a period, for the reports and anyone's own charts.</summary>
internal static class IncidentMetricsEndpoint
{
    // ISO 8601 only: a date (midnight UTC) or a date and time with or without an offset (none means UTC).
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static async Task<Ok<IncidentMetrics>> GetAsync(IncidentMeasures measures, string? from, string? to, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var start = Parse(errors, "from", from);
        var end = Parse(errors, "to", to);
        errors.ThrowIfAny();
        // Defaults: the last 30 days; a lone "to" gets the 30 days before it, a lone "from" runs until now.
        var (lastFrom, now) = MeasurePeriods.Last(MeasurePeriods.DefaultDays, measures.Now);
        var periodStart = start ?? (end is { } e ? e.AddDays(-MeasurePeriods.DefaultDays) : lastFrom);
        return TypedResults.Ok(await measures.ComputeAsync(periodStart, end ?? now, cancellationToken));
    }

    private static DateTime? Parse(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        errors.Add(field, $"'{value}' is not an ISO 8601 date or time; use e.g. 2026-11-01 or 2026-11-01T09:00:00Z.");
        return null;
    }
}
