using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Overview;

public enum PortfolioSort
{
    /// <summary>Worst first (critical, warning, healthy, then no data; lower scores first within each).</summary>
    Status,
    Model,
    BusinessUnit,
    RiskTier,
    Score,
    Incidents,
}

/// <summary>
/// What the portfolio page shows, as its address says it (<c>?env=&amp;unit=&amp;tier=&amp;q=&amp;sort=&amp;dir=&amp;page=</c>),
/// so a reload or a shared link shows the same rows. <see cref="Page"/> counts from 1.
/// </summary>
public sealed record PortfolioFilter(
    string Environment, string? BusinessUnit = null, RiskTier? RiskTier = null, string? Search = null,
    PortfolioSort Sort = PortfolioSort.Status, bool Descending = true, int Page = 1)
{
    /// <summary>
    /// The filter from the address's values, the environment one of <paramref name="environments"/> (the registry's
    /// keys); anything unknown falls back to the default rather than failing.
    /// </summary>
    public static PortfolioFilter Parse(IEnumerable<string> environments, string? environment, string? unit, string? tier, string? search, string? sort, string? direction, int? page)
    {
        ArgumentNullException.ThrowIfNull(environments);
        var chosen = environments.FirstOrDefault(e => string.Equals(e, environment, StringComparison.OrdinalIgnoreCase)) ?? PortfolioRows.Production;
        var by = Enum.TryParse<PortfolioSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : PortfolioSort.Status;
        return new PortfolioFilter(
            chosen,
            string.IsNullOrWhiteSpace(unit) ? null : unit,
            Enum.TryParse<RiskTier>(tier, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null,
            string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            by,
            direction is null ? DescendingByDefault(by) : !string.Equals(direction, "asc", StringComparison.OrdinalIgnoreCase),
            Math.Max(1, page ?? 1));
    }

    /// <summary>Status and incidents read worst first; names and scores (the lowest is the worst) from the top.</summary>
    public static bool DescendingByDefault(PortfolioSort sort) => sort is PortfolioSort.Status or PortfolioSort.Incidents;

    /// <summary>The address's values of this filter; defaults are left out, so the plain address is the default view.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["env"] = Environment == PortfolioRows.Production ? null : Environment,
        ["unit"] = BusinessUnit,
        ["tier"] = RiskTier?.ToString(),
        ["q"] = Search,
        ["sort"] = Sort == PortfolioSort.Status ? null : Sort.ToString().ToLowerInvariant(),
        ["dir"] = Descending == DescendingByDefault(Sort) ? null : Descending ? "desc" : "asc",
        ["page"] = Page == 1 ? null : Page,
    };
}

/// <summary>One page of the filtered, sorted portfolio, and how many rows match in all.</summary>
public sealed record PortfolioPageRows(IReadOnlyList<PortfolioRow> Rows, int Matching, int Page, int PageCount);

/// <summary>Filters, sorts and pages a snapshot on the server, so a page renders <see cref="PageSize"/> rows rather than every model.</summary>
public static class PortfolioView
{
    public const int PageSize = 25;

    /// <summary>The rows of <paramref name="filter"/>'s page (the last one when it asks for more pages than there are).</summary>
    public static PortfolioPageRows Apply(IReadOnlyList<PortfolioRow> rows, PortfolioFilter filter)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(filter);
        var matching = rows
            .Where(r => filter.BusinessUnit is null || r.Model.BusinessUnit == filter.BusinessUnit)
            .Where(r => filter.RiskTier is null || r.Model.RiskTier == filter.RiskTier)
            .Where(r => filter.Search is null || Matches(r.Model, filter.Search))
            .ToList();
        var sorted = Sort(matching, filter.Sort, filter.Descending);
        var pageCount = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        var page = Math.Min(filter.Page, pageCount);
        return new PortfolioPageRows([.. sorted.Skip((page - 1) * PageSize).Take(PageSize)], matching.Count, page, pageCount);
    }

    /// <summary>How many models are in each status, over the whole environment whatever the filters.</summary>
    public static IReadOnlyDictionary<HealthStatus, int> CountByStatus(IReadOnlyList<PortfolioRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Enum.GetValues<HealthStatus>().ToDictionary(s => s, s => rows.Count(r => r.Health.Status == s));
    }

    /// <summary>Sorts the most urgent first: a P1 outweighs any number of P2s, and so on down.</summary>
    public static long IncidentWeight(OpenIncidentCount? open) =>
        open is null ? 0 : (open.P1 * 1_000_000L) + (open.P2 * 10_000L) + (open.P3 * 100L) + open.P4;

    private static bool Matches(ModelSummary model, string text) =>
        model.Key.Contains(text, StringComparison.OrdinalIgnoreCase)
        || model.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)
        || model.Owner.Contains(text, StringComparison.OrdinalIgnoreCase)
        || model.BusinessUnit.Contains(text, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<PortfolioRow> Sort(List<PortfolioRow> rows, PortfolioSort sort, bool descending)
    {
        // The snapshot is worst first; ties keep that order, then the key, so a page never reshuffles between requests.
        if (sort == PortfolioSort.Status)
        {
            return descending ? rows : Enumerable.Reverse(rows);
        }

        var ordered = sort switch
        {
            PortfolioSort.Model => By(rows, r => r.Model.Key, descending, StringComparer.Ordinal),
            PortfolioSort.BusinessUnit => By(rows, r => r.Model.BusinessUnit, descending, StringComparer.CurrentCulture),
            PortfolioSort.RiskTier => By(rows, r => r.Model.RiskTier, descending, Comparer<RiskTier>.Default),
            PortfolioSort.Score => By(rows, r => r.Health.Score ?? -1, descending, Comparer<double>.Default),
            _ => By(rows, r => IncidentWeight(r.Incidents), descending, Comparer<long>.Default),
        };
        return ordered.ThenBy(r => r.Model.Key, StringComparer.Ordinal);
    }

    private static IOrderedEnumerable<PortfolioRow> By<T>(List<PortfolioRow> rows, Func<PortfolioRow, T> key, bool descending, IComparer<T> comparer) =>
        descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
