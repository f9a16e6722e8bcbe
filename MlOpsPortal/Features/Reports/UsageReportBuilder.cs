using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Audit;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The usage report: who used the portal, which features, what they did and which machine clients called the API. Reads
/// only the usage rollups and the audit log. People appear only as <see cref="ReportPseudonyms"/>, so the archived report
/// holds no name; <see cref="ReportNameReveal"/> maps them back for whoever may read it, and records that it did.
/// </summary>
public sealed class UsageReportBuilder(UsageCounts usage, AuditLog audit, ReportPseudonyms pseudonyms) : IReportBuilder
{
    public ReportKind Kind => ReportKind.Usage;

    public async Task<ReportBody> BuildAsync(ReportScope scope, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(progress);
        var days = UsageDays.Of(scope);
        IReadOnlyList<ActiveDay> people = [];
        IReadOnlyList<UsageCount> counts = [];
        if (days.Count > 0)
        {
            people = await usage.ActivePeopleAsync(days.First, days.Last, cancellationToken);
            await progress(30);
            counts = await usage.CountsAsync(days.First, days.Last, cancellationToken);
        }

        await progress(60);
        var actions = await audit.CountByActionAsync(scope.FromUtc, scope.EndUtc, cancellationToken);
        await progress(80);

        var active = UsagePeopleSection.Build(days, people, pseudonyms);
        var features = UsageFeatureSection.Build(days, counts);
        var done = UsageActionsSection.Build(days, actions);
        var api = UsageApiSection.Build(days, counts);
        var distinct = people.Select(p => p.PersonId).Distinct(StringComparer.Ordinal).Count();
        var views = counts.Where(c => c.Kind == UsageKinds.PageView).Sum(c => c.Count);
        var calls = counts.Where(c => c.Kind == UsageKinds.ApiCall).Sum(c => c.Count);
        var headline = $"{Plural(distinct, "person", "people")} used the portal in these {Plural(days.Count, "day", "days")}: "
            + $"{Plural((int)views, "page view", "page views")}, {Plural(UsageActionsSection.Total(actions), "action", "actions")} and {Plural((int)calls, "API call", "API calls")}.";
        await progress(100);
        return new ReportBody(headline, [active, features, done, api], Definitions);
    }

    public static IReadOnlyList<ReportDefinition> Definitions { get; } =
    [
        new("Period", "Usage counts whole UTC days from the first day of the period up to the as-of time; a day still under way is left out, so the report gives the same figures whenever it is generated. Actions count every recorded event up to the as-of time."),
        new("Active person", "A person who signed in and opened a page or called the API with their own sign-in on that UTC day. API keys and apps are not people."),
        new("Daily active people", "Active people on each day; the average is the sum over the days divided by the number of days."),
        new("7-day active", "Different people active at least once in the last 7 days of the period (fewer when the period is shorter)."),
        new("30-day active", "Different people active at least once in the last 30 days of the period (fewer when the period is shorter)."),
        new("People by role or business unit", "Different active people who held the role (or belonged to the business unit, from the department of their sign-in) on a day they were active. A person with two roles counts once for each."),
        new("Active days", "The number of days in the period on which a person was active."),
        new("Page view", "One page of the portal opened in the browser, counted under its feature: the first part of the page's address (\"models\", \"incidents\", \"home\" for the start page)."),
        new("Share", "A row's part of the table's total."),
        new("Trend", "Page views in the second half of the period against the first half, as a change in per cent (both halves have the same number of days; with an odd number of days the middle day is in neither). \"new\" means no views in the first half."),
        new("Action", "A change or request the audit log recorded: models and versions registered, deployment requests and decisions, check runs, incidents, access requests and grants, reports generated and downloaded. Sign-ins, refusals and the portal's own bookkeeping (reminders, daily key use, demo data) are not counted; the security audit report covers sign-ins and refusals."),
        new("API call", "One request to /api/v1, counted by its client (an API key or app by name; \"signed-in people\" for a person's own browser session) and area (the first part of the address after /api/v1/)."),
        new("Pseudonym", "\"Person\" and six characters computed from the person's id with a key held outside the database: the same person has the same pseudonym in every report, and a name can be revealed only by someone who may read the report, which the audit log records."),
    ];
}

/// <summary>The whole UTC days a usage report counts: the period's days that ended by its end (period end or as-of time).</summary>
internal sealed record UsageDays(DateOnly First, DateOnly Last)
{
    public static UsageDays Of(ReportScope scope) => new(scope.FirstDay, DateOnly.FromDateTime(scope.EndUtc).AddDays(-1));

    public int Count => Math.Max(0, Last.DayNumber - First.DayNumber + 1);

    public IReadOnlyList<DateOnly> All => DaysBetween(First, Last);

    /// <summary>The last <paramref name="n"/> days of the period, or all of it when shorter.</summary>
    public DateOnly LastDaysFrom(int n) => Count <= n ? First : Last.AddDays(1 - n);

    public string Words => Plural(Count, "day", "days");
}
