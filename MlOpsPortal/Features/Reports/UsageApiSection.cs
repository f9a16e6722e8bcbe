using MlOpsPortal.Features.Usage;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>The usage report's "API use": calls per client (key, app or signed-in people) and per area of the API.</summary>
internal static class UsageApiSection
{
    public const int ChartedClients = 10;

    public static ReportSection Build(UsageDays days, IReadOnlyList<UsageCount> counts)
    {
        var calls = counts.Where(c => c.Kind == UsageKinds.ApiCall).Select(c =>
        {
            // "client|area": a key's name may hold a '|', an area (one path segment) never does.
            var bar = c.Subject.LastIndexOf('|');
            return (Client: bar < 0 ? c.Subject : c.Subject[..bar], Area: bar < 0 ? "root" : c.Subject[(bar + 1)..], c.Count);
        }).ToList();
        var total = calls.Sum(c => c.Count);
        var clients = Totals(calls.Select(c => (c.Client, c.Count)));
        var areas = Totals(calls.Select(c => (c.Area, c.Count)));
        var charted = clients.Take(ChartedClients).ToList();
        var lead = total == 0
            ? $"No API calls were made in these {days.Words}."
            : $"Pipelines and other clients made {Plural((int)total, "API call", "API calls")} from {Plural(clients.Count, "client", "clients")}; "
                + $"{clients[0].Name} made the most ({Percent((double)clients[0].Calls / total)}).";
        return new ReportSection("api-use", "API use", lead,
            [new ReportFigure("API calls", total, Count(total)), Figure("Clients", clients.Count), Figure("Areas", areas.Count)],
            [new ReportChart($"API calls of the top {ChartedClients} clients", ReportChartKind.Bar, "calls", [.. charted.Select(c => c.Name)], [new ReportSeries("Calls", [.. charted.Select(c => (double)c.Calls)])])],
            [
                new ReportTable("api-clients", "API calls by client", [Text("Client"), Counted("Calls"), Share("Share")],
                    [.. clients.Select(c => Row(ReportCell.Of(c.Name), ReportCell.Of(c.Calls), ReportCell.Of((double)c.Calls / total)))], "No API calls."),
                new ReportTable("api-areas", "API calls by area", [Text("Area"), Counted("Calls"), Share("Share")],
                    [.. areas.Select(a => Row(ReportCell.Of(a.Name), ReportCell.Of(a.Calls), ReportCell.Of((double)a.Calls / total)))], "No API calls."),
            ]);
    }

    private static List<(string Name, long Calls)> Totals(IEnumerable<(string Name, long Count)> calls) =>
        [.. calls.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => (Name: g.Key, Calls: g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Calls).ThenBy(c => c.Name, StringComparer.Ordinal)];
}
