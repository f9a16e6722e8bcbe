using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The usage report's "Actions": the audit log's events of the period counted per action and grouped into the feature
/// families a reader knows. Action names come from the features' <c>AddAuditEvent</c> calls; one not listed here still
/// counts, in the family its prefix names, under its own name.
/// </summary>
internal static class UsageActionsSection
{
    private static readonly string[] FamilyOrder = ["Registry", "Deployments", "Quality", "Monitoring", "Incidents", "Access", "Reports", "Other"];

    private static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["model.created"] = "Models registered",
        ["model.updated"] = "Models updated",
        ["model-version.registered"] = "Model versions registered",
        ["model-card.updated"] = "Model cards updated",
        ["dataset.created"] = "Datasets registered",
        ["dataset-version.registered"] = "Dataset versions registered",
        ["ci-evidence.recorded"] = "CI evidence recorded",
        ["registry-settings.updated"] = "Registry settings changed",
        ["deployment-request.created"] = "Deployment requests made",
        ["deployment-request.approval-recorded"] = "Approvals recorded (more needed)",
        ["deployment-request.approved"] = "Deployment requests approved",
        ["deployment-request.reapproved"] = "Deployment requests re-approved",
        ["deployment-request.rejected"] = "Deployment requests rejected",
        ["deployment-request.withdrawn"] = "Deployment requests withdrawn",
        ["deployment-request.deployed"] = "Deployments reported done",
        ["deployment-request.deployment-failed"] = "Deployments reported failed",
        ["deployment-request.rolled-back"] = "Deployments rolled back",
        ["deployment-request.expired"] = "Approvals expired",
        ["deployment-request.reapproval-required"] = "Re-approvals required",
        ["deployment-request.superseded"] = "Deployment requests superseded",
        ["environment-policy.updated"] = "Environment policies changed",
        ["deployment-webhook.updated"] = "Deployment webhooks changed",
        ["quality-run.requested"] = "Check runs requested",
        ["quality-report.created"] = "Quality reports produced",
        ["quality-sample.uploaded"] = "Data samples uploaded",
        ["quality-suite.saved"] = "Check suites saved",
        ["alert-rule.created"] = "Alert rules created",
        ["alert-rule.deleted"] = "Alert rules deleted",
        ["incident.opened"] = "Incidents opened",
        ["incident.acknowledged"] = "Incidents acknowledged",
        ["incident.resolved"] = "Incidents resolved",
        ["incident.closed"] = "Incidents closed",
        ["incident.reopened"] = "Incidents reopened",
        ["incident.assigned"] = "Incidents assigned",
        ["incident.escalated"] = "Incidents escalated",
        ["incident.commented"] = "Incident comments",
        ["incident.review-saved"] = "Incident reviews written",
        ["incident-settings.updated"] = "Incident settings changed",
        ["access.requested"] = "Access requested",
        ["access.request-approved"] = "Access requests approved",
        ["access.request-rejected"] = "Access requests rejected",
        ["access.request-withdrawn"] = "Access requests withdrawn",
        ["access.granted"] = "Roles granted",
        ["access.revoked"] = "Roles revoked",
        ["access.removed"] = "Roles removed by access review",
        ["access-review.started"] = "Access reviews started",
        ["access-review.decided"] = "Access review decisions",
        ["access-review.completed"] = "Access reviews completed",
        ["api-key.created"] = "API keys created",
        ["api-key.revoked"] = "API keys revoked",
        ["report.requested"] = "Reports requested",
        ["report.generated"] = "Reports generated",
        ["report.downloaded"] = "Reports downloaded",
        ["report.names-revealed"] = "Report names revealed",
    };

    /// <summary>Events that are not someone doing something: sign-ins and refusals (the security audit's), and bookkeeping.</summary>
    private static bool IsCounted(string action) =>
        !action.StartsWith("auth.", StringComparison.Ordinal)
        && !action.StartsWith("audit.", StringComparison.Ordinal)
        && !action.EndsWith(".demo-state", StringComparison.Ordinal)
        && !action.EndsWith("-notified", StringComparison.Ordinal)
        && action is not ("api-key.used" or "access.drift-checked" or "access-review.reminded" or "deployment-request.gates-evaluated"
            or "incident.review-due" or "incident.sla-warning" or "quality-report.pruned" or "alertmanager.notified");

    public static int Total(IReadOnlyDictionary<string, int> actions) => actions.Where(a => IsCounted(a.Key)).Sum(a => a.Value);

    public static ReportSection Build(UsageDays days, IReadOnlyDictionary<string, int> actions)
    {
        var rows = actions.Where(a => IsCounted(a.Key))
            .Select(a => (Family: FamilyOf(a.Key), Label: Labels.GetValueOrDefault(a.Key, a.Key), Count: a.Value))
            .OrderBy(r => Array.IndexOf(FamilyOrder, r.Family)).ThenByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var families = rows.GroupBy(r => r.Family).Select(g => (Family: g.Key, Count: g.Sum(r => r.Count))).ToList();
        var total = rows.Sum(r => r.Count);
        var busiest = families.OrderByDescending(f => f.Count).ThenBy(f => Array.IndexOf(FamilyOrder, f.Family)).FirstOrDefault();
        var lead = total == 0
            ? $"Nothing was registered, requested, decided or downloaded in these {days.Words}."
            : $"People and pipelines recorded {Plural(total, "action", "actions")} in this period, most of them in {busiest.Family.ToLowerInvariant()} ({Count(busiest.Count)}).";
        return new ReportSection("actions", "Actions", lead,
            [Figure("Actions", total), .. families.Select(f => Figure(f.Family, f.Count))],
            [new ReportChart("Actions per feature family", ReportChartKind.Bar, "actions", [.. families.Select(f => f.Family)], [new ReportSeries("Actions", [.. families.Select(f => (double)f.Count)])])],
            [
                new ReportTable("actions", "Actions by feature family", [Text("Family"), Text("Action"), Counted("Count")],
                    [.. rows.Select(r => Row(ReportCell.Of(r.Family), ReportCell.Of(r.Label), ReportCell.Of(r.Count)))], "No actions were recorded."),
            ]);
    }

    private static string FamilyOf(string action)
    {
        var area = action.Split('.')[0];
        return area switch
        {
            "model" or "model-version" or "model-card" or "dataset" or "dataset-version" or "ci-evidence" or "registry-settings" => "Registry",
            _ when area.StartsWith("deployment", StringComparison.Ordinal) || area == "environment-policy" => "Deployments",
            _ when area.StartsWith("quality", StringComparison.Ordinal) => "Quality",
            "alert-rule" or "alertmanager" or "metric" => "Monitoring",
            _ when area.StartsWith("incident", StringComparison.Ordinal) => "Incidents",
            _ when area.StartsWith("access", StringComparison.Ordinal) || area == "api-key" => "Access",
            "report" or "report-subscription" => "Reports",
            _ => "Other",
        };
    }
}
