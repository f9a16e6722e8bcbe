using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Reports;

[FeatureContract]
public enum ReportKind
{
    Usage,
    Executive,
    SecurityAudit,
}

[FeatureContract]
public static class ReportKinds
{
    public static IReadOnlyList<ReportKind> All { get; } = Enum.GetValues<ReportKind>();

    /// <summary>The name the API and file names use.</summary>
    public static string ApiName(this ReportKind kind) => kind switch
    {
        ReportKind.Usage => "usage",
        ReportKind.Executive => "executive",
        _ => "security-audit",
    };

    public static string Title(this ReportKind kind) => kind switch
    {
        ReportKind.Usage => "Usage report",
        ReportKind.Executive => "Executive report",
        _ => "Security audit report",
    };

    public static ReportKind? Parse(string? name) => All.Cast<ReportKind?>().FirstOrDefault(k => string.Equals(k!.Value.ApiName(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Who may read, download and generate a kind (DESIGN §1): usage and executive reports executives; the security audit
    /// auditors and Audit.Read; administrators all.
    /// </summary>
    public static string Policy(this ReportKind kind) => kind == ReportKind.SecurityAudit ? Policies.ApiReadAudit : Policies.ViewExecutiveReports;
}

[FeatureContract]
public enum ReportState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

[FeatureContract]
public enum ReportTrigger
{
    OnDemand,
    Schedule,
    Demo,
}
