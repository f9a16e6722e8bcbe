using System.Data.Common;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The id ranges of raw points this instance's writer stored, so the cross-instance poller skips them. A range is
/// noted before its transaction commits (and forgotten if it does not), so the poller can never see a local point it
/// does not know to be local. Ranges below the poller's mark are dropped; a cap bounds them while nobody polls.
/// </summary>
public sealed class LocalIdRanges
{
    /// <summary>Far more group commits than happen in one poll interval; only ranges long behind the mark fall off.</summary>
    public const int MaxRanges = 4096;

    private readonly Lock gate = new();
    private readonly LinkedList<(long After, long Last)> ranges = [];

    /// <summary>Ids in (<paramref name="after"/>, <paramref name="last"/>] are this instance's.</summary>
    public void Add(long after, long last)
    {
        if (last <= after)
        {
            return;
        }

        lock (gate)
        {
            ranges.AddLast((after, last));
            if (ranges.Count > MaxRanges)
            {
                ranges.RemoveFirst();
            }
        }
    }

    public void Remove(long after, long last)
    {
        lock (gate)
        {
            ranges.Remove((after, last));
        }
    }

    /// <summary>The ranges as they are now, for a page of points to be checked against without the lock.</summary>
    public Snapshot Take()
    {
        lock (gate)
        {
            return new Snapshot([.. ranges.OrderBy(r => r.After)]);
        }
    }

    /// <summary>Ranges never overlap (each is one transaction's ids), so a binary search over their starts finds an id's.</summary>
    public sealed class Snapshot((long After, long Last)[] sorted)
    {
        public bool Contains(long id)
        {
            int low = 0, high = sorted.Length - 1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                var (after, last) = sorted[middle];
                if (id <= after)
                {
                    high = middle - 1;
                }
                else if (id > last)
                {
                    low = middle + 1;
                }
                else
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The poller has read up to <paramref name="mark"/>: ranges ending there or before are of no more use.</summary>
    public void ForgetUpTo(long mark)
    {
        lock (gate)
        {
            var node = ranges.First;
            while (node is not null)
            {
                var next = node.Next;
                if (node.Value.Last <= mark)
                {
                    ranges.Remove(node);
                }

                node = next;
            }
        }
    }

    /// <summary>
    /// Reads a page of the point log (columns: id, model key or null, environment key, metric, timestamp, value, in id
    /// order) and keeps only other instances' points; every store's log reads through this one rule.
    /// </summary>
    public async Task<PointLogPage> ReadPageAsync(DbDataReader reader, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var local = Take();
        var points = new List<CommittedPoint>();
        var lastId = afterId;
        var read = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            read++;
            lastId = reader.GetInt64(0);
            if (!local.Contains(lastId))
            {
                points.Add(new CommittedPoint(
                    reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetDouble(5)));
            }
        }

        ForgetUpTo(lastId);
        return new PointLogPage(points, lastId, read == limit);
    }
}
