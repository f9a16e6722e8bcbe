using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Infrastructure.Audit;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Declaring the triggers stops EF from using OUTPUT/RETURNING on this table, which SQL Server rejects
        // for tables with triggers. The triggers themselves are created by the migrations (AuditTriggers).
        builder.ToTable("AuditEvents", table =>
        {
            table.HasTrigger(AuditTriggers.SqliteNoUpdateTriggerName);
            table.HasTrigger(AuditTriggers.SqliteNoDeleteTriggerName);
            table.HasTrigger(AuditTriggers.SqlServerTriggerName);
        });

        builder.HasKey(e => e.Id);

        builder.Property(e => e.ActorId).HasMaxLength(AuditEvent.MaxActorIdLength).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(AuditEvent.MaxActorNameLength).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(AuditEvent.MaxActionLength).IsRequired();
        builder.Property(e => e.EntityType).HasMaxLength(AuditEvent.MaxEntityTypeLength).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(AuditEvent.MaxEntityIdLength);
        builder.Property(e => e.Details);
        builder.Property(e => e.PreviousHash).HasMaxLength(AuditEvent.HashLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(AuditEvent.HashLength).IsFixedLength().IsUnicode(false).IsRequired();

        // The unique index is what stops a second process from writing a fork: two writers that read the same
        // head both claim the next sequence number, and the later insert fails.
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        // The people directory: who signed in (by action), and what each person did last (by actor).
        builder.HasIndex(e => new { e.Action, e.EntityId });
        builder.HasIndex(e => new { e.ActorId, e.OccurredAtUtc });
    }
}
