namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public const string DefaultAnchorPath = "App_Data/audit-anchor.log";

    /// <summary>
    /// Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>) that keys every event hash. Keep it
    /// outside the database (environment variable, key vault); whoever has it can rewrite history undetected.
    /// </summary>
    public string? ChainKey { get; set; }

    /// <summary>
    /// Append-only file outside the database that receives the chain head on every audit write and every
    /// verification; relative paths are taken from the content root. One file per database.
    /// </summary>
    public string AnchorPath { get; set; } = DefaultAnchorPath;
}
