using System.Globalization;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Usage;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The executive report's sections, each computed from <see cref="ExecutiveData"/> alone (no database), each leading with
/// a sentence a non-specialist reads, and each with the definitions of its measures.
/// </summary>
public static class ExecutiveSections
{
    public const string HealthKey = "health";
    public const string RegisteredOnly = "registered only";
    public const int ExpiringWithinDays = 30;
    private const string Production = TakePortfolioSnapshotJob.Production;
    private static readonly string[] HealthStatuses = ["Healthy", "Warning", "Critical", "NoData"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly ReportColumn[] CountColumns = [new("Models", ReportColumnType.Count)];

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Inventory(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var stages = Stages(data);
        var order = StageOrder(data);
        var byStage = order.Select(s => (Stage: s, Count: data.Models.Count(m => stages[m.Id] == s))).Where(s => s.Count > 0).ToList();
        var units = data.Models.Select(m => m.BusinessUnit).Distinct().Order(StringComparer.Ordinal).ToList();
        var production = byStage.FirstOrDefault(s => s.Stage == Production).Count;
        var lead = $"{ReportPhrases.Plural(data.Models.Count, "model is", "models are")} registered in {ReportPhrases.Plural(units.Count, "business unit")}; {production} of them run in production.";
        var section = new ReportSection("inventory", "Inventory", lead,
            [new("Models", data.Models.Count, ReportPhrases.Count(data.Models.Count)), new("In production", production, ReportPhrases.Count(production))],
            [new("Models by business unit and stage", ReportChartKind.StackedBar, "models", units,
                [.. byStage.Select(s => new ReportSeries(s.Stage, [.. units.Select(u => (double)data.Models.Count(m => m.BusinessUnit == u && stages[m.Id] == s.Stage))]))])],
            [
                CountTable("inventory-risk-tier", "Models by risk tier", "Risk tier",
                    Enum.GetValues<RiskTier>().Select(t => (t.ToString(), data.Models.Count(m => m.RiskTier == t)))),
                CountTable("inventory-business-unit", "Models by business unit", "Business unit", units.Select(u => (u, data.Models.Count(m => m.BusinessUnit == u)))),
                CountTable("inventory-stage", "Models by stage", "Stage", byStage),
            ]);
        return (section,
        [
            new("Models", "Models registered up to the report's as-of time."),
            new("Stage", $"The furthest environment (development → staging → production) in which the model had an approved or running deployment at the as-of time; \"{RegisteredOnly}\" when it had none."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Health(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var latest = data.Snapshots.GroupBy(s => s.ModelId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Day)!.Status);
        var distribution = HealthStatuses.Select(status => (Status: status, Count: data.Models.Count(m => latest.GetValueOrDefault(m.Id, "NoData") == status))).ToList();
        var attention = distribution.Where(d => d.Status is "Warning" or "Critical").Sum(d => d.Count);
        // Of every registered model (a model without an approved deployment may still report health there: a shadow
        // deployment), so "in production" qualifies the health, not the count; the inventory counts the deployed ones.
        var lead = $"{attention} of {ReportPhrases.Plural(data.Models.Count, "model")} need attention (Warning or Critical health in production).";
        var weekly = data.Scope.Days > 31;
        var buckets = data.Snapshots.GroupBy(s => Bucket(data.Scope, s.Day, weekly))
            .OrderBy(g => g.Key)
            .Select(g => (Start: g.Key, Latest: g.GroupBy(s => s.ModelId).Select(m => m.MaxBy(s => s.Day)!.Status).ToList()))
            .ToList();
        var section = new ReportSection(HealthKey, "Health", lead,
            [.. distribution.Select(d => new ReportFigure(StatusLabel(d.Status), d.Count, ReportPhrases.Count(d.Count)))],
            [new(weekly ? "Health by week (production)" : "Health by day (production)", ReportChartKind.StackedBar, "models",
                [.. buckets.Select(b => b.Start.ToString("yyyy-MM-dd", Invariant))],
                [.. HealthStatuses.Select(status => new ReportSeries(StatusLabel(status), [.. buckets.Select(b => (double)b.Latest.Count(s => s == status))]))])],
            [CountTable("health-distribution", "Health in production at the as-of time", "Status", distribution.Select(d => (StatusLabel(d.Status), d.Count)))]);
        return (section,
        [
            new("Health status", "The status of the model's health score in production (the worst of its performance, drift, data quality, service, freshness, incidents and governance parts) in the latest daily snapshot of the period taken by the as-of time. A model without a snapshot in the period counts as No data."),
            new("Need attention", "Models whose health status is Warning or Critical."),
            new("Health trend", "Per day (per week for periods over 31 days: each model's latest snapshot in the week), the number of production snapshots in each status."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Gaps(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var asOf = data.Scope.AsOfUtc;
        var stages = Stages(data);
        var measured = data.Activity.Where(a => a.InPeriod).Select(a => (a.ModelId, a.Environment)).ToHashSet();
        var approvedIn = data.Deployments.Where(d => d.Approved).Select(d => (d.ModelId, d.Environment)).ToHashSet();
        var running = data.Deployments.Where(d => d.Running).GroupBy(d => (d.ModelId, d.Environment)).Select(g => g.MaxBy(d => d.DeployedAtUtc)!).ToLookup(d => d.ModelId);
        var rows = new List<(PortfolioModel Model, string Gap, string Detail)>();
        foreach (var model in data.Models)
        {
            if (stages[model.Id] != RegisteredOnly && !measured.Any(m => m.ModelId == model.Id))
            {
                rows.Add((model, "No monitoring data", $"Deployed ({stages[model.Id]}) but no metric arrived in the period."));
            }

            if (model.DocumentationPercent is null)
            {
                rows.Add((model, "Incomplete documentation", "No version is registered."));
            }
            else if (model.DocumentationPercent < 100)
            {
                rows.Add((model, "Incomplete documentation",
                    $"v{model.LatestVersion} card {model.DocumentationPercent} % complete; missing {string.Join(", ", model.MissingSections.Select(ModelCard.Title))}."));
            }

            if (string.IsNullOrWhiteSpace(model.Owner))
            {
                rows.Add((model, "No owner", "Nobody is named as the model's owner."));
            }

            foreach (var deployment in running[model.Id].OrderBy(d => d.Environment, StringComparer.Ordinal))
            {
                if (deployment.ApprovalExpiresAtUtc is { } expires && expires <= asOf)
                {
                    rows.Add((model, "Approval lapsed", $"{deployment.Environment}: approval expired {expires:yyyy-MM-dd}."));
                }
                else if (deployment.ApprovalExpiresAtUtc is { } soon && soon <= asOf.AddDays(ExpiringWithinDays))
                {
                    rows.Add((model, "Approval expiring", $"{deployment.Environment}: approval expires {soon:yyyy-MM-dd}."));
                }
            }

            if (measured.Contains((model.Id, Production)) && !approvedIn.Contains((model.Id, Production)))
            {
                rows.Add((model, "Unapproved production metrics", "Metrics arrive from production, but no deployment there is approved."));
            }
        }

        var withGaps = rows.Select(r => r.Model.Id).Distinct().Count();
        var lead = $"{withGaps} of {ReportPhrases.Plural(data.Models.Count, "model")} {(withGaps == 1 ? "has" : "have")} at least one governance gap ({ReportPhrases.Plural(rows.Count, "gap")} in all).";
        var kinds = rows.GroupBy(r => r.Gap).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var section = new ReportSection("gaps", "Models with gaps", lead,
            [new("Models with gaps", withGaps, ReportPhrases.Count(withGaps)), .. kinds.Select(g => new ReportFigure(g.Key, g.Count(), ReportPhrases.Count(g.Count())))],
            [],
            [new("gaps", "Models with gaps",
                [new("Model", ReportColumnType.Text), new("Business unit", ReportColumnType.Text), new("Owner", ReportColumnType.Text),
                 new("Gap", ReportColumnType.Text), new("Detail", ReportColumnType.Text)],
                [.. rows.Select(r => (IReadOnlyList<ReportCell>)[ReportCell.Of(r.Model.Key), ReportCell.Of(r.Model.BusinessUnit), ReportCell.Of(r.Model.Owner),
                    ReportCell.Of(r.Gap), ReportCell.Of(r.Detail)])],
                "No model has a gap.")]);
        return (section,
        [
            new("No monitoring data", "The model had an approved or running deployment at the as-of time but no metric point arrived from any environment in the period."),
            new("Incomplete documentation", "The latest version's model card lacks a section an administrator requires, or no version is registered."),
            new("No owner", "The model's owner field is empty."),
            new("Approval lapsed / expiring", $"A deployment running at the as-of time whose approval had expired by then, or expires within {ExpiringWithinDays} days of it."),
            new("Unapproved production metrics", "Metric points arrived from production in the period, but the model had no approved deployment in production at the as-of time (a shadow deployment)."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Quality(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var failed = data.Checks.Where(c => c.Status == QualityStatus.Fail).ToList();
        var drift = data.Checks.Where(IsDrift).ToList();
        var drifted = drift.Count(c => c.Status == QualityStatus.Fail);
        double? driftShare = drift.Count == 0 ? null : (double)drifted / drift.Count;
        var keys = data.Models.ToDictionary(m => m.Id, m => m.Key);
        var failing = failed.GroupBy(c => c.ModelId).Select(g => (Key: keys.GetValueOrDefault(g.Key, "#" + g.Key.ToString(Invariant)), Checks: g.ToList()))
            .OrderByDescending(g => g.Checks.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var lead = $"{failed.Count} of {ReportPhrases.Plural(data.Checks.Count, "check")} failed in the period" +
            (driftShare is { } share ? $"; {ReportPhrases.Percent(share)} of drift checks found drift." : "; no drift check ran.");
        var weekly = data.Scope.Days > 31;
        var buckets = drift.GroupBy(c => Bucket(data.Scope, DateOnly.FromDateTime(c.CreatedAtUtc), weekly)).OrderBy(g => g.Key).ToList();
        var section = new ReportSection("quality", "Quality", lead,
            [
                new("Checks run", data.Checks.Count, ReportPhrases.Count(data.Checks.Count)),
                new("Checks failed", failed.Count, ReportPhrases.Count(failed.Count)),
                new("Drift checks", drift.Count, ReportPhrases.Count(drift.Count)),
                new("Drifted share", driftShare, driftShare is { } d ? ReportPhrases.Percent(d) : "—"),
            ],
            [new(weekly ? "Drifted share of drift checks by week" : "Drifted share of drift checks by day", ReportChartKind.Line, "%",
                [.. buckets.Select(b => b.Key.ToString("yyyy-MM-dd", Invariant))],
                [new("Drifted share", [.. buckets.Select(b => Math.Round(100.0 * b.Count(c => c.Status == QualityStatus.Fail) / b.Count(), 1))])])],
            [new("quality-failing-models", "Models with failed checks",
                [new("Model", ReportColumnType.Text), new("Failed checks", ReportColumnType.Count), new("Kinds", ReportColumnType.Text), new("Last failure", ReportColumnType.DateTime)],
                [.. failing.Select(f => (IReadOnlyList<ReportCell>)[ReportCell.Of(f.Key), ReportCell.Of(f.Checks.Count),
                    ReportCell.Of(string.Join(", ", f.Checks.Select(c => c.Kind).Distinct().Order().Select(k => k.Title()))), ReportCell.Of(f.Checks.Max(c => c.CreatedAtUtc))])],
                "No check failed in the period.")]);
        return (section,
        [
            new("Checks run / failed", "Check verdicts in the quality reports written in the period up to the as-of time; failed = verdict Fail (a Warn is not a failure)."),
            new("Drifted share", "Data and prediction drift checks whose verdict was Fail (the dataset drifted), divided by all drift checks run in the period."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Deployments(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (from, end) = (data.Scope.FromUtc, data.Scope.EndUtc);
        bool In(DateTime? at) => at >= from && at < end;
        var requested = data.Deployments.Where(d => In(d.RequestedAtUtc)).ToList();
        var approved = data.Deployments.Where(d => In(d.ApprovedAtUtc)).ToList();
        var rejected = data.Deployments.Where(d => In(d.RejectedAtUtc)).ToList();
        var deployed = data.Deployments.Where(d => In(d.DeployedAtUtc)).ToList();
        var toApproval = approved.Select(d => Hours(d.ApprovedAtUtc!.Value - d.RequestedAtUtc)).ToList();
        var toDeployment = deployed.Where(d => d.ApprovedAtUtc is not null).Select(d => Hours(d.DeployedAtUtc!.Value - d.ApprovedAtUtc!.Value)).ToList();
        var endToEnd = deployed.Select(d => Hours(d.DeployedAtUtc!.Value - d.RequestedAtUtc)).ToList();
        var medianApproval = ReportStatistics.Median(toApproval);
        var lead = $"{ReportPhrases.Plural(requested.Count, "deployment was", "deployments were")} requested; {approved.Count} approved and {rejected.Count} rejected" +
            (medianApproval is { } m ? $"; approval took {Num(m)} hours at the median." : ".");
        var environments = data.Environments.Select(e => e.Key).ToList();
        var section = new ReportSection("deployments", "Deployments", lead,
            [
                new("Requests", requested.Count, ReportPhrases.Count(requested.Count)), new("Approvals", approved.Count, ReportPhrases.Count(approved.Count)),
                new("Rejections", rejected.Count, ReportPhrases.Count(rejected.Count)), new("Deployments", deployed.Count, ReportPhrases.Count(deployed.Count)),
                Hours("Request → approved, median (h)", medianApproval), Hours("Request → approved, p90 (h)", ReportStatistics.P90(toApproval)),
                Hours("Approved → deployed, median (h)", ReportStatistics.Median(toDeployment)), Hours("Approved → deployed, p90 (h)", ReportStatistics.P90(toDeployment)),
                Hours("Request → deployed, median (h)", ReportStatistics.Median(endToEnd)), Hours("Request → deployed, p90 (h)", ReportStatistics.P90(endToEnd)),
            ],
            [new("Deployment requests by environment", ReportChartKind.Bar, "requests", environments,
                [
                    new("Requests", [.. environments.Select(e => (double)requested.Count(d => d.Environment == e))]),
                    new("Approvals", [.. environments.Select(e => (double)approved.Count(d => d.Environment == e))]),
                    new("Rejections", [.. environments.Select(e => (double)rejected.Count(d => d.Environment == e))]),
                ])],
            [new("deployments-by-environment", "Deployments by environment",
                [new("Environment", ReportColumnType.Text), new("Requests", ReportColumnType.Count), new("Approvals", ReportColumnType.Count),
                 new("Rejections", ReportColumnType.Count), new("Deployments", ReportColumnType.Count), new("Request → approved, median (h)", ReportColumnType.Number)],
                [.. environments.Select(e => (IReadOnlyList<ReportCell>)[ReportCell.Of(e), ReportCell.Of(requested.Count(d => d.Environment == e)),
                    ReportCell.Of(approved.Count(d => d.Environment == e)), ReportCell.Of(rejected.Count(d => d.Environment == e)),
                    ReportCell.Of(deployed.Count(d => d.Environment == e)),
                    ReportCell.Of(ReportStatistics.Median([.. approved.Where(d => d.Environment == e).Select(d => Hours(d.ApprovedAtUtc!.Value - d.RequestedAtUtc))]))])])]);
        return (section,
        [
            new("Requests / approvals / rejections / deployments", "Deployment requests raised, approved (final approval given), rejected and deployed in the period, each counted by when that happened."),
            new("Lead time", "Hours from request to final approval (requests approved in the period), from approval to deployment and from request to deployment (requests deployed in the period). Median: the middle value (mean of the two middle ones); p90: the smallest value at least 90 % of the values do not exceed (nearest rank)."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Incidents(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var measured = data.Incidents;
        var lead = measured is null || measured.Incidents == 0
            ? "No incident was detected in the period."
            : $"{ReportPhrases.Plural(measured.Incidents, "incident was", "incidents were")} detected; acknowledged in {Minutes(measured.MttaMinutes.Mean)} and resolved in {Minutes(measured.MttrMinutes.Mean)} on average; {ReportPhrases.Plural(measured.Breaches, "SLA breach", "SLA breaches")}.";
        var targets = data.Targets.ToDictionary(t => t.Priority);
        var priorities = measured?.ByPriority ?? [];
        var section = new ReportSection("incidents", "Incidents", lead,
            [
                new("Incidents", measured?.Incidents ?? 0, ReportPhrases.Count(measured?.Incidents ?? 0)),
                new("MTTA (min)", measured?.MttaMinutes.Mean, Minutes(measured?.MttaMinutes.Mean)),
                new("MTTR (min)", measured?.MttrMinutes.Mean, Minutes(measured?.MttrMinutes.Mean)),
                new("Response SLA met", measured?.ResponseAttainmentPercent / 100, measured?.ResponseAttainmentPercent is { } r ? ReportPhrases.Percent(r / 100) : "—"),
                new("Resolution SLA met", measured?.ResolutionAttainmentPercent / 100, measured?.ResolutionAttainmentPercent is { } s ? ReportPhrases.Percent(s / 100) : "—"),
                new("SLA breaches", measured?.Breaches ?? 0, ReportPhrases.Count(measured?.Breaches ?? 0)),
            ],
            [new("Incidents by priority", ReportChartKind.Bar, "incidents", [.. priorities.Select(p => p.Priority.ToString())],
                [new("Incidents", [.. priorities.Select(p => (double)p.Count)]), new("Breaches", [.. priorities.Select(p => (double)p.Breaches)])])],
            [new("incidents-by-priority", "Incidents by priority against SLA",
                [new("Priority", ReportColumnType.Text), new("Incidents", ReportColumnType.Count), new("Response target", ReportColumnType.Text),
                 new("Response met", ReportColumnType.Percent), new("Resolution target", ReportColumnType.Text), new("Resolution met", ReportColumnType.Percent),
                 new("Breaches", ReportColumnType.Count)],
                [.. priorities.Select(p => (IReadOnlyList<ReportCell>)[ReportCell.Of(p.Priority.ToString()), ReportCell.Of(p.Count),
                    ReportCell.Of(targets.GetValueOrDefault(p.Priority)?.Response), ReportCell.Of(p.ResponseAttainmentPercent / 100),
                    ReportCell.Of(targets.GetValueOrDefault(p.Priority)?.Resolution), ReportCell.Of(p.ResolutionAttainmentPercent / 100), ReportCell.Of(p.Breaches)])])]);
        return (section,
        [
            new("Incidents", "Incidents detected in the period, cancelled ones left out."),
            new("MTTA / MTTR", "Mean time to acknowledge (acknowledged − detected) and to resolve (resolved − detected, holds included) over the period's incidents that were acknowledged or resolved."),
            new("SLA met", "Response (resp. resolution) targets of the incident policy achieved ÷ (achieved + breached), over the clocks whose outcome is known."),
            new("SLA breaches", "Response and resolution targets breached by the period's incidents."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Access(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var standing = data.Access;
        var lead = $"{ReportPhrases.Plural(standing.PendingRequests, "access request awaits", "access requests await")} a decision; {ReportPhrases.Plural(standing.OverdueReviews.Count, "access review is", "access reviews are")} overdue.";
        var section = new ReportSection("access", "Access", lead,
            [new("Pending access requests", standing.PendingRequests, ReportPhrases.Count(standing.PendingRequests)), new("Overdue access reviews", standing.OverdueReviews.Count, ReportPhrases.Count(standing.OverdueReviews.Count))],
            [],
            [new("access-overdue-reviews", "Overdue access reviews",
                [new("Review", ReportColumnType.Text), new("Due", ReportColumnType.DateTime), new("Undecided", ReportColumnType.Count)],
                [.. standing.OverdueReviews.Select(r => (IReadOnlyList<ReportCell>)[ReportCell.Of(r.Name), ReportCell.Of(r.DueAtUtc), ReportCell.Of(r.Undecided)])],
                "No access review is overdue.")]);
        return (section,
        [
            new("Pending access requests", "Requests for a role raised by the as-of time, not yet decided and not yet expired then."),
            new("Overdue access reviews", "Access reviews started by the as-of time, past their due time and not completed then; undecided = people in it not yet decided on."),
        ]);
    }

    public static (ReportSection, IReadOnlyList<ReportDefinition>) Performance(ExecutiveData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var minutes = Math.Max(0, (long)Math.Floor((data.Scope.EndUtc - data.Scope.FromUtc).TotalMinutes));
        // With no sample at all the portal did not record itself in the period (not yet installed, or its sampling was off):
        // that is not measured, rather than 0 % available.
        double? availability = minutes == 0 || data.Cpu.Samples == 0 ? null : Math.Min(1, (double)data.Cpu.Samples / minutes);
        var page = ReportStatistics.LatencyP95(data.Usage.Where(c => c.Kind == UsageKinds.PageLatency));
        var api = ReportStatistics.LatencyP95(data.Usage.Where(c => c.Kind == UsageKinds.ApiLatency));
        var lead = availability is { } a
            ? $"The portal was available {ReportPhrases.Percent(a)} of the period" + (page is { } p ? $"; 95 % of pages loaded within {LatencyText(p)}." : ".")
            : minutes == 0 ? "The period has not started yet." : "The portal recorded no health samples in this period, so its availability was not measured.";
        var section = new ReportSection("performance", "Environment performance", lead,
            [
                new("Availability", availability, availability is { } v ? ReportPhrases.Percent(v) : "—"),
                new("Page load p95 (ms)", page, page is { } pl ? LatencyText(pl) : "—"),
                new("API latency p95 (ms)", api, api is { } al ? LatencyText(al) : "—"),
                new("CPU average (%)", Round(data.Cpu.Average), Num(data.Cpu.Average)),
                new("CPU max (%)", Round(data.Cpu.Max), Num(data.Cpu.Max)),
                new("Memory average (MB)", Round(data.Memory.Average), Num(data.Memory.Average)),
                new("Memory max (MB)", Round(data.Memory.Max), Num(data.Memory.Max)),
            ],
            [],
            [new("performance", "Portal performance",
                [new("Measure", ReportColumnType.Text), new("Value", ReportColumnType.Number)],
                [
                    [ReportCell.Of("Minutes in the period"), ReportCell.Of(minutes)],
                    [ReportCell.Of("Minutes with a health sample"), ReportCell.Of(data.Cpu.Samples)],
                    [ReportCell.Of("Page load p95 (ms)"), ReportCell.Of(page)],
                    [ReportCell.Of("API latency p95 (ms)"), ReportCell.Of(api)],
                    [ReportCell.Of("CPU average (%)"), ReportCell.Of(Round(data.Cpu.Average))],
                    [ReportCell.Of("CPU max (%)"), ReportCell.Of(Round(data.Cpu.Max))],
                    [ReportCell.Of("Memory average (MB)"), ReportCell.Of(Round(data.Memory.Average))],
                    [ReportCell.Of("Memory max (MB)"), ReportCell.Of(Round(data.Memory.Max))],
                ])]);
        return (section,
        [
            new("Availability", "Minutes of the period (up to the as-of time) in which the portal recorded its own CPU sample (it does so every minute while it runs) ÷ minutes of the period."),
            new("Page load / API latency p95", "From the daily latency counts of page loads and API calls, by bucket (≤ 5, 10, 25, 50, 100, 250, 500, 1,000, 2,500, 5,000, 10,000 ms and more): the upper bound of the first bucket at which the cumulative count reaches 95 % of all. Whole days before the period's end only."),
            new("CPU / memory", "Mean and maximum of the portal process's CPU use (%) and working set (MB), sampled every minute."),
        ]);
    }

    /// <summary>Each model's furthest environment with an approved or running deployment at the as-of time.</summary>
    private static Dictionary<int, string> Stages(ExecutiveData data)
    {
        // Environments come production first; the first one a model is approved in is its furthest.
        var rank = data.Environments.Select((e, i) => (e.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var furthest = data.Deployments.Where(d => d.Approved || d.Running).GroupBy(d => d.ModelId)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Environment).MinBy(e => rank.GetValueOrDefault(e, int.MaxValue))!);
        return data.Models.ToDictionary(m => m.Id, m => furthest.GetValueOrDefault(m.Id, RegisteredOnly));
    }

    private static List<string> StageOrder(ExecutiveData data) => [.. data.Environments.Select(e => e.Key), RegisteredOnly];

    private static bool IsDrift(PeriodCheck check) => check.Kind is CheckKind.DataDrift or CheckKind.PredictionDrift;

    private static DateOnly Bucket(ReportScope scope, DateOnly day, bool weekly) =>
        weekly ? scope.FirstDay.AddDays((day.DayNumber - scope.FirstDay.DayNumber) / 7 * 7) : day;

    private static ReportTable CountTable(string key, string title, string name, IEnumerable<(string Name, int Count)> rows) =>
        new(key, title, [new(name, ReportColumnType.Text), .. CountColumns],
            [.. rows.Select(r => (IReadOnlyList<ReportCell>)[ReportCell.Of(r.Name), ReportCell.Of(r.Count)])]);

    private static string StatusLabel(string status) => status == "NoData" ? "No data" : status;

    private static double Hours(TimeSpan span) => span.TotalHours;

    private static ReportFigure Hours(string label, double? hours) => new(label, Round(hours), Num(hours));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static string Num(double? value) => value is { } v ? v.ToString("0.##", Invariant) : "—";

    private static string LatencyText(double ms) => ms >= int.MaxValue ? "more than 10,000 ms" : ms.ToString("N0", Invariant) + " ms";

    private static string Minutes(double? minutes) => minutes switch
    {
        null => "—",
        < 120 => minutes.Value.ToString("0.#", Invariant) + " min",
        _ => (minutes.Value / 60).ToString("0.#", Invariant) + " h",
    };
}
