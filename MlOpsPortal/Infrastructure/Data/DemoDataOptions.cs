namespace MlOpsPortal.Infrastructure.Data;

/// <summary>Demo data for a newcomer's first run. Honoured in Development only, whatever the setting says elsewhere.</summary>
public sealed class DemoDataOptions
{
    public const string SectionName = "DemoData";

    public bool Enabled { get; set; }
}
