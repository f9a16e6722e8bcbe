using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>One minute of the portal's own process health. Moves onto the metrics store with the monitoring feature.</summary>
public sealed class SystemMetricSample
{
    public long Id { get; set; }

    /// <summary>The UTC minute the sample belongs to; one sample per minute.</summary>
    public DateTime MinuteUtc { get; set; }

    public double CpuPercent { get; set; }
    public double WorkingSetMb { get; set; }
    public double GcHeapMb { get; set; }
    public double RequestsPerMinute { get; set; }
}

internal sealed class SystemMetricSampleConfiguration : IEntityTypeConfiguration<SystemMetricSample>
{
    public void Configure(EntityTypeBuilder<SystemMetricSample> builder)
    {
        builder.ToTable("SystemMetricSamples");
        builder.HasIndex(s => s.MinuteUtc).IsUnique();
    }
}
