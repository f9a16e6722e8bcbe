namespace MlOpsPortal.Infrastructure.Api;

/// <summary>One page of a list as the API returns it; <see cref="Page"/> counts from 1, as in the query string.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public static class ApiPaging
{
    public const int DefaultPageSize = 25;

    /// <summary>Reads <c>page</c> (from 1) and <c>pageSize</c> from a query string, naming what is out of bounds.</summary>
    public static (int Page, int PageSize) Parse(FieldErrors errors, int? page, int? pageSize, int maxPageSize)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1)
        {
            errors.Add("page", "Page counts from 1.");
        }

        if (pageSize is < 1 || pageSize > maxPageSize)
        {
            errors.Add("pageSize", $"Page size must be between 1 and {maxPageSize}.");
        }

        return (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, maxPageSize));
    }
}
