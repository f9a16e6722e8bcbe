using MlOpsPortal.Features.Usage;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>The usage report's "Active people": daily, 7- and 30-day actives, by role and business unit, the most active (pseudonymous).</summary>
internal static class UsagePeopleSection
{
    public const int MostActive = 10;
    public const string NoRole = "No portal role";

    public static ReportSection Build(UsageDays days, IReadOnlyList<ActiveDay> people, ReportPseudonyms pseudonyms)
    {
        var distinct = DistinctPeople(people);
        var last7 = DistinctPeople(people.Where(p => p.Day >= days.LastDaysFrom(7)));
        var last30 = DistinctPeople(people.Where(p => p.Day >= days.LastDaysFrom(30)));
        var perDay = people.GroupBy(p => p.Day).ToDictionary(g => g.Key, g => g.Count());
        var daily = days.All.Select(d => (Day: d, People: perDay.GetValueOrDefault(d))).ToList();
        var average = days.Count == 0 ? 0 : (double)people.Count / days.Count;

        var byRole = Tally(people.SelectMany(p => (p.Roles.Count == 0 ? [NoRole] : p.Roles).Select(role => (Key: role, p.PersonId))));
        var byUnit = Tally(people.Select(p => (Key: p.BusinessUnit, p.PersonId)));
        // Ordered by pseudonym on ties, never by id: the order must not hint at who is who.
        var most = people.GroupBy(p => p.PersonId, StringComparer.Ordinal)
            .Select(g => (Pseudonym: pseudonyms.Of(g.Key), Days: g.Count(), LastDay: g.Max(p => p.Day)))
            .OrderByDescending(p => p.Days).ThenBy(p => p.Pseudonym, StringComparer.Ordinal).Take(MostActive).ToList();

        var lead = distinct == 0
            ? $"Nobody used the portal in these {days.Words}."
            : $"{Plural(distinct, "person", "people")} used the portal in these {days.Words}"
                + (days.Count > 7 ? $", {Count(last7)} of them in the last 7." : ".");
        return new ReportSection("active-people", "Active people", lead,
            [
                Figure("People active in the period", distinct),
                Figure("Active in the last 7 days", last7),
                Figure("Active in the last 30 days", last30),
                new ReportFigure("Average daily active people", Math.Round(average, 2), average.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)),
            ],
            [
                new ReportChart("Daily active people", ReportChartKind.Line, "people", [.. daily.Select(d => Day(d.Day))], [new ReportSeries("People", [.. daily.Select(d => (double)d.People)])]),
                new ReportChart("Active people by role", ReportChartKind.Bar, "people", [.. byRole.Select(r => r.Key)], [new ReportSeries("People", [.. byRole.Select(r => (double)r.People)])]),
            ],
            [
                new ReportTable("daily-active-people", "Active people per day", [Date("Day"), Counted("People")],
                    [.. daily.Select(d => Row(ReportCell.Of(d.Day), ReportCell.Of(d.People)))]),
                new ReportTable("active-by-role", "Active people by role", [Text("Role"), Counted("People")],
                    [.. byRole.Select(r => Row(ReportCell.Of(r.Key), ReportCell.Of(r.People)))], "Nobody was active."),
                new ReportTable("active-by-business-unit", "Active people by business unit", [Text("Business unit"), Counted("People")],
                    [.. byUnit.Select(u => Row(ReportCell.Of(u.Key), ReportCell.Of(u.People)))], "Nobody was active."),
                new ReportTable("most-active-people", $"The {MostActive} most active people (names hidden)", [Text("Person"), Counted("Active days"), Date("Last active")],
                    [.. most.Select(p => Row(ReportCell.Of(p.Pseudonym), ReportCell.Of(p.Days), ReportCell.Of(p.LastDay)))], "Nobody was active."),
            ]);
    }

    private static int DistinctPeople(IEnumerable<ActiveDay> people) => people.Select(p => p.PersonId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Different people per key, most first.</summary>
    private static List<(string Key, int People)> Tally(IEnumerable<(string Key, string PersonId)> pairs) =>
        [.. pairs.Distinct().GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => (g.Key, People: g.Count()))
            .OrderByDescending(g => g.People).ThenBy(g => g.Key, StringComparer.Ordinal)];
}
