using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Overview;

namespace MlOpsPortal.Tests.Features.Overview;

/// <summary>The portfolio pages, sorts and searches on the server, as its address says.</summary>
public sealed class PortfolioViewTests
{
    // 60 models, worst first as the cache keeps them: 0–9 critical, 10–29 warning, 30–59 healthy.
    private static readonly List<PortfolioRow> Rows = [.. Enumerable.Range(0, 60).Select(Row)];

    // The registry's environment keys, and one a migration could add.
    private static readonly string[] Environments = ["production", "staging", "development", "canary"];

    [Fact]
    public void The_plain_address_shows_the_first_25_worst_first()
    {
        var filter = PortfolioFilter.Parse(Environments, null, null, null, null, null, null, null);
        var page = PortfolioView.Apply(Rows, filter);

        Assert.Equal(new PortfolioFilter("production"), filter);
        Assert.Equal(Rows.Take(25), page.Rows);
        Assert.Equal((60, 1, 3), (page.Matching, page.Page, page.PageCount));
        Assert.All(filter.Parameters.Values, Assert.Null);
    }

    [Fact]
    public void Sort_direction_and_page_come_from_the_address_and_go_back_into_it()
    {
        var filter = PortfolioFilter.Parse(Environments, "staging", null, null, null, "model", "desc", 2);
        var page = PortfolioView.Apply(Rows, filter);

        var expected = Rows.Select(r => r.Model.Key).OrderDescending(StringComparer.Ordinal).Skip(25).Take(25);
        Assert.Equal(expected, page.Rows.Select(r => r.Model.Key));
        Assert.Equal(2, page.Page);
        Assert.Equal("staging", filter.Parameters["env"]);
        Assert.Equal("model", filter.Parameters["sort"]);
        Assert.Equal("desc", filter.Parameters["dir"]);
        Assert.Equal(2, filter.Parameters["page"]);
        var parameters = filter.Parameters;
        Assert.Equal(filter, PortfolioFilter.Parse(Environments, (string?)parameters["env"], null, null, null, (string?)parameters["sort"], (string?)parameters["dir"], (int?)parameters["page"]));
    }

    [Fact]
    public void Scores_sort_lowest_first_and_status_ascending_reads_best_first()
    {
        var byScore = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, null, null, null, "score", null, null));
        Assert.Equal(Rows.Select(r => r.Health.Score).Order().Take(25), byScore.Rows.Select(r => r.Health.Score));

        var bestFirst = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, null, null, null, "status", "asc", null));
        Assert.Equal(HealthStatus.Healthy, bestFirst.Rows[0].Health.Status);
        Assert.Equal("asc", (PortfolioFilter.Parse(Environments, null, null, null, null, "status", "asc", null)).Parameters["dir"]);
    }

    [Fact]
    public void Search_and_filters_narrow_the_rows_and_the_pages_to_what_matches()
    {
        var page = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, "Unit 1", "High", null, null, null, null));
        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.Equal(("Unit 1", RiskTier.High), (r.Model.BusinessUnit, r.Model.RiskTier)));
        Assert.Equal(Rows.Count(r => r.Model.BusinessUnit == "Unit 1" && r.Model.RiskTier == RiskTier.High), page.Matching);

        var found = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, null, null, "  MODEL-4  ", null, null, null));
        Assert.Equal(Enumerable.Range(40, 10).Select(i => $"model-{i}"), found.Rows.Select(r => r.Model.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, found.PageCount);
        Assert.Equal("MODEL-4", PortfolioFilter.Parse(Environments, null, null, null, "  MODEL-4  ", null, null, null).Parameters["q"]);

        var byOwner = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, null, null, "owner 2", null, null, null));
        Assert.Equal(20, byOwner.Matching);

        var none = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, null, null, "no such model", null, null, null));
        Assert.Empty(none.Rows);
        Assert.Equal((0, 1), (none.Matching, none.PageCount));
    }

    [Fact]
    public void A_page_past_the_last_shows_the_last_and_unknown_values_fall_back_to_the_defaults()
    {
        var page = PortfolioView.Apply(Rows, PortfolioFilter.Parse(Environments, null, null, null, null, null, null, 99));
        Assert.Equal((3, 10), (page.Page, page.Rows.Count));

        Assert.Equal("canary", PortfolioFilter.Parse(Environments, "Canary", null, null, null, null, null, null).Environment);
        Assert.Equal(new PortfolioFilter("production"), PortfolioFilter.Parse(Environments, "mars", null, "enormous", " ", "colour", null, -3));
    }

    [Fact]
    public void The_counts_by_status_cover_every_model_whatever_the_filters()
    {
        var counts = PortfolioView.CountByStatus(Rows);
        Assert.Equal(10, counts[HealthStatus.Critical]);
        Assert.Equal(20, counts[HealthStatus.Warning]);
        Assert.Equal(30, counts[HealthStatus.Healthy]);
        Assert.Equal(0, counts[HealthStatus.NoData]);
    }

    private static PortfolioRow Row(int i)
    {
        var status = i < 10 ? HealthStatus.Critical : i < 30 ? HealthStatus.Warning : HealthStatus.Healthy;
        var key = $"model-{i:00}";
        var model = new ModelSummary(key, $"Model {i}", "", $"Owner {i % 3}", $"Unit {i % 4}", "", (RiskTier)(i % 3), [], 1, "test", DateTime.UnixEpoch, "test", DateTime.UnixEpoch, true);
        var health = new HealthReport(key, "production", 20 + i, status, [], DateTime.UnixEpoch);
        return new PortfolioRow(model, health, null, i % 5 == 0 ? new OpenIncidentCount(i, 0, 1, 0, 0) : null);
    }
}
