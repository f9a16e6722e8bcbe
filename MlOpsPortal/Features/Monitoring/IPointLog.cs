using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Raw points in the order they were committed, by a store-assigned id, so an instance can hear what the others wrote
/// (DESIGN §12): the cross-instance feed polls it after a high-water mark, and what is computed from points (a health
/// score) is kept while its newest id stays put.
/// </summary>
[FeatureContract]
public interface IPointLog
{
    /// <summary>The id of the newest raw point, 0 for none: where a poller starts.</summary>
    Task<long> LastIdAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> raw points after <paramref name="afterId"/>, in id order, without those this
    /// instance wrote (its own writer announced them already); <see cref="PointLogPage.LastId"/> is the mark to go on from.
    /// </summary>
    Task<PointLogPage> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken);
}

/// <param name="Points">Points other instances wrote.</param>
/// <param name="LastId">The highest id read, local points included; the given mark when nothing was newer.</param>
/// <param name="Full">The limit was reached: more may be waiting.</param>
public sealed record PointLogPage(IReadOnlyList<CommittedPoint> Points, long LastId, bool Full);
