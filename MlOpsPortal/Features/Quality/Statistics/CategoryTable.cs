using System.Globalization;

namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>Reference and current counts aligned on the union of categories (ordinal order, or numeric order).</summary>
public sealed record CategoryTable(IReadOnlyList<string> Labels, IReadOnlyList<long> ReferenceCounts, IReadOnlyList<long> CurrentCounts)
{
    /// <summary>Union of two categorical samples' categories.</summary>
    public static CategoryTable From(CategoricalSample reference, CategoricalSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var labels = new List<string>(reference.Counts.Count + current.Counts.Count);
        labels.AddRange(reference.Counts.Keys);
        foreach (var key in current.Counts.Keys)
        {
            if (!reference.Counts.ContainsKey(key))
            {
                labels.Add(key);
            }
        }

        labels.Sort(StringComparer.Ordinal);
        var referenceCounts = new long[labels.Count];
        var currentCounts = new long[labels.Count];
        for (var k = 0; k < labels.Count; k++)
        {
            referenceCounts[k] = reference.Counts.GetValueOrDefault(labels[k]);
            currentCounts[k] = current.Counts.GetValueOrDefault(labels[k]);
        }

        return new CategoryTable(labels, referenceCounts, currentCounts);
    }

    /// <summary>Each distinct value is a category; one merge of the two sorted samples.</summary>
    public static CategoryTable From(NumericSample reference, NumericSample current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var a = reference.Sorted;
        var b = current.Sorted;
        var labels = new List<string>();
        var referenceCounts = new List<long>();
        var currentCounts = new List<long>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var value = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            var startI = i;
            var startJ = j;
            while (i < a.Length && a[i] == value)
            {
                i++;
            }

            while (j < b.Length && b[j] == value)
            {
                j++;
            }

            labels.Add(value.ToString("R", CultureInfo.InvariantCulture));
            referenceCounts.Add(i - startI);
            currentCounts.Add(j - startJ);
        }

        return new CategoryTable(labels, referenceCounts, currentCounts);
    }

    /// <summary>At most <paramref name="maxCategories"/> labels: the most frequent overall, the rest lumped as "Other".</summary>
    public CategoryTable Lumped(int maxCategories)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCategories, 2);
        if (Labels.Count <= maxCategories)
        {
            return this;
        }

        var order = new int[Labels.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (x, y) =>
        {
            var byCount = (ReferenceCounts[y] + CurrentCounts[y]).CompareTo(ReferenceCounts[x] + CurrentCounts[x]);
            return byCount != 0 ? byCount : x.CompareTo(y);
        });

        var kept = order.AsSpan(0, maxCategories - 1).ToArray();
        Array.Sort(kept);
        var labels = new List<string>(maxCategories);
        var referenceCounts = new List<long>(maxCategories);
        var currentCounts = new List<long>(maxCategories);
        foreach (var k in kept)
        {
            labels.Add(Labels[k]);
            referenceCounts.Add(ReferenceCounts[k]);
            currentCounts.Add(CurrentCounts[k]);
        }

        long otherReference = 0, otherCurrent = 0;
        foreach (var k in order.AsSpan(maxCategories - 1))
        {
            otherReference += ReferenceCounts[k];
            otherCurrent += CurrentCounts[k];
        }

        labels.Add(labels.Contains("Other", StringComparer.Ordinal) ? "Other (lumped)" : "Other");
        referenceCounts.Add(otherReference);
        currentCounts.Add(otherCurrent);
        return new CategoryTable(labels, referenceCounts, currentCounts);
    }
}
