namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// LIKE patterns that match what a person typed literally on both providers: %, _, [ and the escape character itself
/// are escaped, so "50%" finds "50%" and not everything starting with "50". Pass <see cref="Escape"/> to EF.Functions.Like.
/// Matching ignores case on every provider (<see cref="CaseInsensitiveLike"/> makes it ILIKE on PostgreSQL).
/// </summary>
public static class SqlLike
{
    public const string Escape = "\\";

    public static string Contains(string text) => "%" + Literal(text) + "%";

    public static string StartsWith(string text) => Literal(text) + "%";

    private static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal)
            .Replace("[", Escape + "[", StringComparison.Ordinal);
    }
}
