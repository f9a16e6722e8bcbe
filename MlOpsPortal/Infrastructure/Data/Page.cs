namespace MlOpsPortal.Infrastructure.Data;

/// <summary>One page of a list as services return it to pages; <see cref="PageIndex"/> counts from 0, as grids do.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageIndex, int PageSize);
