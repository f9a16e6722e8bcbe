using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>How the access pages word roles, durations and request states.</summary>
public static class AccessDisplay
{
    /// <summary>What each role is for, in one line (DESIGN §1), so a requester picks the one their work needs.</summary>
    public static string Describe(string role) => role switch
    {
        PortalRoles.Admin => "Platform team: settings, API keys, check schedules and background jobs.",
        PortalRoles.ModelsContributor => "Register models, versions and datasets; request deployments; configure checks of your models.",
        PortalRoles.DeploymentsApprover => "Approve or reject deployment requests raised by someone else.",
        PortalRoles.SupportEngineer => "Work incidents, decide access requests, run checks on demand.",
        PortalRoles.ExecutiveViewer => "Portfolio overview; download usage and executive reports.",
        PortalRoles.BusinessViewer => "Model health dashboards and quality reports, read-only.",
        PortalRoles.ComplianceAuditor => "Audit log, access log and security audit reports, read-only.",
        _ => string.Empty,
    };

    public static string Duration(int? days) => days is { } d ? $"{d} days" : "Until revoked";

    public static Color StateColor(AccessRequestState state) => state switch
    {
        AccessRequestState.Pending => Color.Info,
        AccessRequestState.Approved => Color.Success,
        AccessRequestState.Rejected => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The first line of a long text, for tables; the full text is on the request's page.</summary>
    public static string Clip(string text, int length = 80)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
    }

    /// <summary>"in 3 days", "in 5 hours", "overdue": how long a pending request has before it expires.</summary>
    public static string ExpiresIn(DateTime expiresAtUtc, DateTime nowUtc)
    {
        var left = expiresAtUtc - nowUtc;
        if (left <= TimeSpan.Zero)
        {
            return "Expiring now";
        }

        return left.TotalDays >= 1 ? $"in {(int)left.TotalDays} d" : left.TotalHours >= 1 ? $"in {(int)left.TotalHours} h" : $"in {Math.Max(1, (int)left.TotalMinutes)} min";
    }
}
