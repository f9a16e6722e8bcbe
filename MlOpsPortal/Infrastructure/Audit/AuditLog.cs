using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Reads, verifies and records audit events that stand on their own (sign-in, sign-out, denied access).
/// Events that describe a data change belong in that change's SaveChanges instead; see
/// <see cref="AuditDbContextExtensions.AddAuditEvent"/>.
/// </summary>
public sealed class AuditLog(
    IDbContextFactory<PortalDbContext> contextFactory,
    TimeProvider timeProvider,
    AuditChainKey key,
    AuditAnchor anchor)
{
    internal const int VerificationBatchSize = 5_000;

    public async Task<AuditEvent> RecordAsync(
        AuditActor actor,
        string action,
        string entityType,
        string? entityId,
        object? details,
        CancellationToken cancellationToken)
    {
        var auditEvent = AuditEvent.Create(actor, action, entityType, entityId, details);
        auditEvent.OccurredAtUtc = timeProvider.GetUtcNow().UtcDateTime;

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync(cancellationToken);
        return auditEvent;
    }

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.PageIndex, nameof(query.PageIndex));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, AuditQuery.MaxPageSize, nameof(query.PageSize));

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var events = Filter(db.AuditEvents.AsNoTracking(), query);
        var total = await events.CountAsync(cancellationToken);
        var items = await events
            .OrderByDescending(e => e.Sequence)
            .Skip(query.PageIndex * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);

        return new AuditPage(items, total, query.PageIndex, query.PageSize);
    }

    /// <summary>
    /// Every event matching <paramref name="query"/> (its page ignored), newest first, read in batches by sequence so an
    /// export of the whole log never holds it in memory.
    /// </summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var events = Filter(db.AuditEvents.AsNoTracking(), query);
        var before = long.MaxValue;
        int read;
        do
        {
            var batch = await events.Where(e => e.Sequence < before).OrderByDescending(e => e.Sequence).Take(VerificationBatchSize).ToListAsync(cancellationToken);
            foreach (var auditEvent in batch)
            {
                yield return auditEvent;
            }

            read = batch.Count;
            before = read > 0 ? batch[^1].Sequence : before;
        }
        while (read == VerificationBatchSize);
    }

    private static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> events, AuditQuery query)
    {

        // LIKE rather than Contains: SQLite's instr() is case-sensitive, LIKE is not, and SQL Server's default
        // collation is case-insensitive either way, so both providers behave alike.
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Contains(query.Search.Trim());
            events = events.Where(e =>
                EF.Functions.Like(e.ActorName, pattern, SqlLike.Escape) ||
                EF.Functions.Like(e.Action, pattern, SqlLike.Escape) ||
                (e.EntityId != null && EF.Functions.Like(e.EntityId, pattern, SqlLike.Escape)));
        }

        if (query.Actions is { Count: > 0 } actions)
        {
            events = events.Where(e => actions.Contains(e.Action));
        }

        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            events = events.Where(e => e.ActorId == query.ActorId);
        }

        // Two index seeks joined by the OR: (ActorId, OccurredAtUtc) for what they did, (EntityType, EntityId) for
        // what was done about them.
        if (!string.IsNullOrWhiteSpace(query.Involving))
        {
            var person = query.Involving;
            events = events.Where(e => e.ActorId == person || (e.EntityType == AuditQuery.UserEntityType && e.EntityId == person));
        }

        if (!string.IsNullOrWhiteSpace(query.ActionPrefix))
        {
            var pattern = SqlLike.StartsWith(query.ActionPrefix.Trim());
            events = events.Where(e => EF.Functions.Like(e.Action, pattern, SqlLike.Escape));
        }

        if (query.ActionPrefixes is { Count: > 0 } prefixes)
        {
            // One LIKE per prefix joined by OR: EF cannot translate Any() over a list of patterns.
            var parameter = Expression.Parameter(typeof(AuditEvent), "e");
            Expression? any = null;
            foreach (var prefix in prefixes)
            {
                var pattern = SqlLike.StartsWith(prefix);
                Expression<Func<AuditEvent, bool>> one = x => EF.Functions.Like(x.Action, pattern, SqlLike.Escape);
                var like = ReplacingExpressionVisitor.Replace(one.Parameters[0], parameter, one.Body);
                any = any is null ? like : Expression.OrElse(any, like);
            }

            events = events.Where(Expression.Lambda<Func<AuditEvent, bool>>(any!, parameter));
        }

        if (query.FromUtc is { } from)
        {
            var fromUtc = AuditHasher.NormalizeUtc(from);
            events = events.Where(e => e.OccurredAtUtc >= fromUtc);
        }

        if (query.ToUtc is { } to)
        {
            var toUtc = AuditHasher.NormalizeUtc(to);
            events = events.Where(e => e.OccurredAtUtc < toUtc);
        }

        return events;
    }

    /// <summary>
    /// Walks the whole chain in Sequence order, streaming it in batches rather than loading it into memory,
    /// and reports the first event that was changed, deleted, moved or inserted. The newest valid recorded
    /// verification and the highest head in the anchor file act as checkpoints, which also reveal deleted tail
    /// events and a chain recomputed after them. The anchor is read first, so every head it names was committed
    /// before the scan starts.
    /// Nothing is stored; <see cref="VerifyAuditChainJob"/> records the result.
    /// </summary>
    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken)
    {
        var anchored = await anchor.ReadLatestAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        var checkpoint = await db.AuditVerifications
            .AsNoTracking()
            .Where(v => v.IsValid && v.HeadSequence > 0)
            .OrderByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);

        var verifier = new AuditChainVerifier(key, checkpoint, anchored);

        // Batches keep memory bounded even where EF buffers a whole result (it does under a retrying execution
        // strategy), and keep each read short so writers are not held up by one long scan. Id breaks ties so
        // that a duplicated sequence number cannot slip through between two batches.
        var afterSequence = long.MinValue;
        var afterId = long.MinValue;
        int read;
        do
        {
            read = 0;
            var batch = db.AuditEvents
                .AsNoTracking()
                .Where(e => e.Sequence > afterSequence || (e.Sequence == afterSequence && e.Id > afterId))
                .OrderBy(e => e.Sequence)
                .ThenBy(e => e.Id)
                .Take(VerificationBatchSize)
                .AsAsyncEnumerable();
            await foreach (var auditEvent in batch.WithCancellation(cancellationToken))
            {
                verifier.Add(auditEvent);
                (afterSequence, afterId) = (auditEvent.Sequence, auditEvent.Id);
                read++;
            }
        }
        while (read == VerificationBatchSize);

        return verifier.Complete(timeProvider.GetUtcNow().UtcDateTime);
    }

    /// <summary>How many events of each action occurred in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), for reports.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByActionAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var (from, to) = (AuditHasher.NormalizeUtc(fromUtc), AuditHasher.NormalizeUtc(toUtc));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().Where(e => e.OccurredAtUtc >= from && e.OccurredAtUtc < to)
            .GroupBy(e => e.Action).Select(g => new { Action = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Action, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Every event of <paramref name="actions"/> in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first: what
    /// a report lists whole (refused access, role changes), where <see cref="ListAsync"/> pages for a screen.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> EventsAsync(IReadOnlyCollection<string> actions, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var (from, to) = (AuditHasher.NormalizeUtc(fromUtc), AuditHasher.NormalizeUtc(toUtc));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().Where(e => actions.Contains(e.Action) && e.OccurredAtUtc >= from && e.OccurredAtUtc < to)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
    }

    /// <summary>The last verification recorded at or before <paramref name="atOrBeforeUtc"/>, so a report for a past as-of time shows what was known then.</summary>
    public async Task<AuditVerification?> LatestVerificationAsync(DateTime atOrBeforeUtc, CancellationToken cancellationToken = default)
    {
        var until = AuditHasher.NormalizeUtc(atOrBeforeUtc);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditVerifications.AsNoTracking().Where(v => v.VerifiedAtUtc <= until).OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The most recently recorded verification, or null if the job has not run yet.</summary>
    public async Task<AuditVerification?> LatestVerificationAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        // Id rather than VerifiedAtUtc: insertion order stays right even if the clock is set back.
        return await db.AuditVerifications.AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
