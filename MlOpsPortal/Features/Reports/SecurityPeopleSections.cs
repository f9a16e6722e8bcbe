using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Auth;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>The security audit's people sections: privileged roles and their changes; segregation of duties and maker-checker.</summary>
internal static class SecurityPeopleSections
{
    public static readonly string[] PrivilegedRoles = [PortalRoles.Admin, PortalRoles.DeploymentsApprover];

    public static ReportSection Privileged(ReportScope scope, IReadOnlyList<PersonAsOf> people, IReadOnlyList<RoleChange> changes)
    {
        var holders = people.Where(p => p.Roles.Any(PrivilegedRoles.Contains)).ToList();
        var admins = holders.Count(p => p.Roles.Contains(PortalRoles.Admin));
        var approvers = holders.Count(p => p.Roles.Contains(PortalRoles.DeploymentsApprover));
        var lead = (holders.Count == 0
                ? $"Nobody could administer the portal or approve production deployments at {EndOf(scope.EndUtc)}"
                : $"{Plural(holders.Count, "person", "people")} could administer the portal or approve production deployments at {EndOf(scope.EndUtc)} "
                    + $"({Plural(admins, "administrator", "administrators")}, {Plural(approvers, "approver", "approvers")})")
            + (changes.Count == 0 ? "; no role was granted or taken away in the period." : $"; role assignments changed {Plural(changes.Count, "time", "times")} in the period.");
        return new ReportSection("privileged-access", "Privileged people and role changes", lead,
            [Figure(PortalRoles.Admin, admins), Figure(PortalRoles.DeploymentsApprover, approvers), Figure("Role changes in the period", changes.Count)],
            [],
            [
                new ReportTable("privileged-people", "Who holds a privileged role", [Text("Person"), Text("Privileged roles"), Text("Other roles")],
                    [.. holders.Select(p => Row(ReportCell.Of(p.Name), ReportCell.Of(string.Join(", ", p.Roles.Where(PrivilegedRoles.Contains))),
                        ReportCell.Of(string.Join(", ", p.Roles.Where(r => !PrivilegedRoles.Contains(r))))))],
                    "Nobody holds Portal.Admin or Deployments.Approver."),
                new ReportTable("role-changes", "Changes to role assignments", [When("When"), Text("Person"), Text("Role"), Text("Change"), Text("By"), Text("Request"), Text("Reason")],
                    [.. changes.Select(c => Row(ReportCell.Of(c.OccurredAtUtc), ReportCell.Of(c.PersonName), ReportCell.Of(c.Role), ReportCell.Of(c.Change), ReportCell.Of(c.ByName),
                        ReportCell.Of(c.RequestId is { } id ? "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), ReportCell.Of(c.Reason)))],
                    "No role was granted, revoked, expired or removed in the period."),
            ]);
    }

    public static ReportSection Segregation(IReadOnlyList<PersonAsOf> people, IReadOnlyList<OwnModelApprovalBy> exceptions)
    {
        var warned = people.Where(p => p.SegregationWarnings.Count > 0).ToList();
        var lead = (warned.Count == 0
                ? "Nobody holds roles that should be kept apart."
                : $"{Plural(warned.Count, "person holds", "people hold")} roles that should be kept apart; their work deserves a second look.")
            + (exceptions.Count == 0
                ? " No maker-checker exceptions: nobody approved a deployment of a model they helped build."
                : $" {Plural(exceptions.Count, "approval was", "approvals were")} recorded by someone who helped build the model: maker-checker exceptions to review.");
        return new ReportSection("segregation-of-duties", "Segregation of duties", lead,
            [Figure("People with role combinations to watch", warned.Count), Figure("Maker-checker exceptions", exceptions.Count)],
            [],
            [
                new ReportTable("segregation-warnings", "Role combinations to watch", [Text("Person"), Text("Roles"), Text("Warning")],
                    [.. warned.SelectMany(p => p.SegregationWarnings.Select(w => Row(ReportCell.Of(p.Name), ReportCell.Of(string.Join(", ", p.Roles)), ReportCell.Of(w))))],
                    "No warnings."),
                new ReportTable("maker-checker-exceptions", "Approvals of models the approver helped build",
                    [When("Approved"), Text("Approver"), Text("Model"), Counted("Version"), Text("Environment"), Text("Request"), Text("Contribution")],
                    [.. exceptions.Select(e => Row(ReportCell.Of(Utc(e.Approval.ApprovedAtUtc)), ReportCell.Of(e.ApproverName), ReportCell.Of(e.Approval.Model),
                        ReportCell.Of(e.Approval.Version), ReportCell.Of(e.Approval.Environment),
                        ReportCell.Of("#" + e.Approval.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ReportCell.Of(e.Approval.Contribution)))],
                    "No maker-checker exceptions."),
            ]);
    }
}
