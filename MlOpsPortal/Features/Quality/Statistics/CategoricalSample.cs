namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>One categorical column: counts per category; null or empty cells are missing.</summary>
public sealed class CategoricalSample
{
    private CategoricalSample(Dictionary<string, long> counts, int count, int missing)
    {
        Counts = counts;
        Count = count;
        Missing = missing;
    }

    /// <summary>Non-missing values.</summary>
    public int Count { get; }

    /// <summary>Null or empty cells.</summary>
    public int Missing { get; }

    /// <summary>Number of distinct categories.</summary>
    public int UniqueCount => Counts.Count;

    /// <summary>Rows per category (ordinal, case-sensitive).</summary>
    public IReadOnlyDictionary<string, long> Counts { get; }

    /// <summary>Counts the categories of a column.</summary>
    public static CategoricalSample Create(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (string.IsNullOrEmpty(value))
            {
                missing++;
                continue;
            }

            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        return new CategoricalSample(counts, values.Count - missing, missing);
    }
}
