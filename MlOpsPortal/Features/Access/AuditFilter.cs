using System.Globalization;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The audit log page's filters, as its address and its CSV export carry them: <c>q</c> (person, action or entity id),
/// <c>action</c> (a family key such as <c>deployments</c>, or one action such as <c>deployment-request.approved</c>),
/// <c>from</c> and <c>to</c> (UTC dates, both included).
/// </summary>
public sealed record AuditFilter(string? Search, string? Action, DateOnly? From, DateOnly? To)
{
    public const string CsvPath = "/api/v1/audit/events.csv";

    public static AuditFilter None { get; } = new(null, null, null, null);

    public bool IsFamily => !string.IsNullOrEmpty(Action) && !Action.Contains('.', StringComparison.Ordinal);

    /// <summary>The query of <see cref="AuditLog"/> for this filter; a family key <paramref name="sentences"/> does not know matches nothing.</summary>
    public AuditQuery ToQuery(AuditSentences sentences, int pageIndex = 0, int pageSize = AuditQuery.MaxPageSize)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var family = IsFamily ? sentences.Families.FirstOrDefault(f => f.Key == Action) : null;
        return new AuditQuery
        {
            PageIndex = pageIndex,
            PageSize = pageSize,
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            Actions = IsFamily && family is null ? [string.Empty] : !IsFamily && !string.IsNullOrEmpty(Action) ? [Action] : null,
            ActionPrefixes = family is null ? null : [.. family.Areas.Select(a => a + ".")],
            FromUtc = From is { } from ? from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null,
            ToUtc = To is { } to ? to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null,
        };
    }

    /// <summary>The filter's query parameters (null for the ones not set), for the address bar and the CSV link.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => new Dictionary<string, object?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
        ["action"] = string.IsNullOrEmpty(Action) ? null : Action,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public string CsvLink()
    {
        var query = Parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}").ToList();
        return CsvPath + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }

    /// <summary>Reads a date parameter; anything that is not <c>yyyy-MM-dd</c> is no filter.</summary>
    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
