using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Infrastructure.Audit;

public sealed class AuditVerificationConfiguration : IEntityTypeConfiguration<AuditVerification>
{
    public void Configure(EntityTypeBuilder<AuditVerification> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ToTable("AuditVerifications");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.HeadHash).HasMaxLength(AuditEvent.HashLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.Property(v => v.Problem).HasMaxLength(AuditVerification.MaxProblemLength);
        builder.HasIndex(v => v.VerifiedAtUtc);
    }
}
