namespace MlOpsPortal.Infrastructure.Api;

/// <summary>One page of a list as the API returns it; <see cref="Page"/> counts from 1, as in the query string.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
