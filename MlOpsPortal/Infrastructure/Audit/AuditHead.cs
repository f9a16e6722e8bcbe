using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The audit chain's head: the sequence of the newest event committed (0 before the first). A feature audits each change
/// in the change's own transaction, and events take their sequence under a lock held until that transaction commits
/// (<see cref="AuditDatabaseLock"/>; SQLite has one writer), so the head moves with every audited change, in commit
/// order, on every instance sharing the database. Whatever is computed only from audited data stays true while the head
/// stays where it was read before computing it.
/// </summary>
public static class AuditHead
{
    // One indexed read (the unique index on Sequence), asked on every read of what is kept against it: compiled, so EF's
    // query cache lookup is not paid each time.
    private static readonly PerModelQuery<Func<PortalDbContext, Task<long?>>> Newest = new(() => EF.CompileAsyncQuery(
        (PortalDbContext db) => db.AuditEvents.Max(e => (long?)e.Sequence)));

    public static async Task<long> SequenceAsync(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await Newest.For(db)(db) ?? 0;
    }
}
