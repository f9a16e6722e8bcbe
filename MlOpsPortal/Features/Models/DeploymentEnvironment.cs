using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Where a model runs. development, staging and production exist from the start. The registry owns the list because
/// every feature above it keys its data by environment: metric series, alert rules, check suites, deployment policies.
/// </summary>
public sealed class DeploymentEnvironment
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string DisplayName { get; set; }
}

internal sealed class DeploymentEnvironmentConfiguration : IEntityTypeConfiguration<DeploymentEnvironment>
{
    public void Configure(EntityTypeBuilder<DeploymentEnvironment> builder)
    {
        builder.ToTable("Environments");
        builder.HasIndex(e => e.Key).IsUnique();
        builder.Property(e => e.Key).HasMaxLength(32);
        builder.Property(e => e.DisplayName).HasMaxLength(64);
        builder.HasData(
            new DeploymentEnvironment { Id = 1, Key = "development", DisplayName = "Development" },
            new DeploymentEnvironment { Id = 2, Key = "staging", DisplayName = "Staging" },
            new DeploymentEnvironment { Id = 3, Key = "production", DisplayName = "Production" });
    }
}
