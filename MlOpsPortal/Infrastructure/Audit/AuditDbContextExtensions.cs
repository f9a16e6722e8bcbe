using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

public static class AuditDbContextExtensions
{
    /// <summary>
    /// Adds an audit event to the context so that it is committed by the same SaveChanges, and therefore the
    /// same transaction, as the change it describes: either both are stored or neither is.
    /// </summary>
    public static AuditEvent AddAuditEvent(
        this PortalDbContext db,
        AuditActor actor,
        string action,
        string entityType,
        string? entityId,
        object? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var auditEvent = AuditEvent.Create(actor, action, entityType, entityId, details);
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }
}
