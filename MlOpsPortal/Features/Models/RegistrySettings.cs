using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>The admin-editable rules of the registry: key naming and which card sections are required.</summary>
public sealed class RegistrySettings
{
    public const int SingletonId = 1;
    public const string DefaultKeyPattern = "^[a-z][a-z0-9-]{2,62}$";

    public int Id { get; set; } = SingletonId;
    public string ModelKeyPattern { get; set; } = DefaultKeyPattern;
    public string DatasetKeyPattern { get; set; } = DefaultKeyPattern;
    public List<CardSection> RequiredCardSections { get; set; } =
        [CardSection.IntendedUse, CardSection.TrainingData, CardSection.EvaluationData, CardSection.Metrics, CardSection.Limitations];

    public string UpdatedBy { get; set; } = "system";
    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class RegistrySettingsConfiguration : IEntityTypeConfiguration<RegistrySettings>
{
    public void Configure(EntityTypeBuilder<RegistrySettings> builder)
    {
        builder.ToTable("RegistrySettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ModelKeyPattern).HasMaxLength(500);
        builder.Property(s => s.DatasetKeyPattern).HasMaxLength(500);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.RequiredCardSections).HasConversion(JsonColumn.Converter<List<CardSection>>(), JsonColumn.Comparer<List<CardSection>>());
        builder.HasData(new RegistrySettings { UpdatedAtUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}
