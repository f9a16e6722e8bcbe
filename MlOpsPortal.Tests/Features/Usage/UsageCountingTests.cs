using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Usage;

public sealed class UsageCountingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Counts_made_on_many_threads_while_flushes_run_are_all_saved_once_in_one_row_per_feature_and_day()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var portal = await PortalServices.StartAsync(clock);
        var tracker = portal.Services.GetRequiredService<UsageTracker>();
        var flusher = portal.Services.GetRequiredService<UsageFlusher>();
        string[] features = ["models", "portfolio", "incidents"];
        const int Threads = 8;
        const int PerThread = 2_000;

        using var counting = new CancellationTokenSource();
        var flushes = 0;
        var flushing = Task.Run(async () =>
        {
            // Flushes race the counting the whole time, as the minute timer does on a busy portal.
            while (!counting.IsCancellationRequested)
            {
                await flusher.FlushAsync();
                Interlocked.Increment(ref flushes);
            }
        });
        var counted = await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            // Each thread counts until several flushes have happened during the counting, however slow the machine.
            var mine = 0;
            while (mine < PerThread || Volatile.Read(ref flushes) < 3)
            {
                tracker.Count(UsageKinds.PageView, features[(t + mine) % features.Length]);
                mine++;
            }

            return Enumerable.Range(0, mine).GroupBy(i => features[(t + i) % features.Length]).ToDictionary(g => g.Key, g => (long)g.Count());
        })));
        await counting.CancelAsync();
        await flushing;
        await flusher.FlushAsync();

        var rows = await portal.QueryAsync(db => db.UsageRollups.Where(r => r.Kind == UsageKinds.PageView).ToListAsync());
        Assert.Equal(features.Order(), rows.Select(r => r.Subject).Order());
        Assert.All(rows, r => Assert.Equal(DateOnly.FromDateTime(Monday.UtcDateTime), r.Day));
        foreach (var row in rows)
        {
            Assert.Equal(counted.Sum(c => c.GetValueOrDefault(row.Subject)), row.Count);
        }
    }

    [Fact]
    public async Task Two_instances_add_their_counts_to_the_same_days_row_and_a_person_is_active_once_a_day()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var portal = await PortalServices.StartAsync(clock);
        var flusher = portal.Services.GetRequiredService<UsageFlusher>();
        var first = portal.Services.GetRequiredService<UsageTracker>();
        var dana = DevelopmentPersonas.ToPrincipal(DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.ModelsContributor));
        first.CountPageView("/models", dana);
        first.CountPageView("/models", dana);
        await flusher.FlushAsync();
        first.CountPageView("/models", dana);
        await flusher.FlushAsync();

        // Next day, just after midnight: a new row and Dana active again.
        clock.Advance(TimeSpan.FromHours(15));
        first.CountPageView("/models", dana);
        await flusher.FlushAsync();

        var rows = await portal.QueryAsync(db => db.UsageRollups.OrderBy(r => r.Day).ToListAsync());
        Assert.Equal([(new DateOnly(2026, 11, 30), 3L), (new DateOnly(2026, 12, 1), 1L)], rows.Select(r => (r.Day, r.Count)));
        var active = await portal.QueryAsync(db => db.UsageActivePeople.OrderBy(p => p.Day).ToListAsync());
        Assert.Equal(2, active.Count);
        Assert.All(active, p => Assert.Equal(("dev-contributor", PortalRoles.ModelsContributor, "Retail Banking"), (p.PersonId, p.Roles, p.BusinessUnit)));
    }

    [Fact]
    public async Task A_failed_flush_keeps_the_counts_for_the_next_one()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var portal = await PortalServices.StartAsync(clock);
        var tracker = portal.Services.GetRequiredService<UsageTracker>();
        var flusher = portal.Services.GetRequiredService<UsageFlusher>();
        tracker.Count(UsageKinds.ApiCall, "training-pipeline|metrics", 5);

        // The table is briefly unwritable (a lock held by another writer would do the same).
        var (refuse, allow) = PortalAppFactory.RunsOnPostgreSql
            ? ("CREATE FUNCTION usage_refused() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'refused'; END$$; "
                + "CREATE TRIGGER usage_refused BEFORE INSERT ON \"UsageRollups\" FOR EACH ROW EXECUTE FUNCTION usage_refused();",
                "DROP TRIGGER usage_refused ON \"UsageRollups\"; DROP FUNCTION usage_refused();")
            : ("CREATE TRIGGER usage_refused BEFORE INSERT ON UsageRollups BEGIN SELECT RAISE(ABORT, 'refused'); END;", "DROP TRIGGER usage_refused;");
        await portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync(refuse));
        await Assert.ThrowsAsync<DbUpdateException>(() => flusher.FlushAsync());
        await portal.QueryAsync(db => db.Database.ExecuteSqlRawAsync(allow));
        await flusher.FlushAsync();

        var row = await portal.QueryAsync(db => db.UsageRollups.SingleAsync());
        Assert.Equal(("training-pipeline|metrics", 5L), (row.Subject, row.Count));
    }

    [Fact]
    public async Task Signing_in_with_an_api_key_counts_calls_but_no_active_person()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var portal = await PortalServices.StartAsync(clock);
        var tracker = portal.Services.GetRequiredService<UsageTracker>();
        var key = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(PortalClaims.ObjectId, "api-key:7")], ApiKeyAuthenticationHandler.SchemeName));
        tracker.MarkActive(key);
        tracker.MarkActive(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()));
        await portal.Services.GetRequiredService<UsageFlusher>().FlushAsync();

        Assert.Equal(0, await portal.QueryAsync(db => db.UsageActivePeople.CountAsync()));
    }

    [Theory]
    [InlineData("", "home")]
    [InlineData("models/churn-model?tab=quality", "models")]
    [InlineData("/Incidents/42", "incidents")]
    public void A_page_belongs_to_the_feature_of_its_first_segment(string path, string feature) =>
        Assert.Equal(feature, UsageTracker.FeatureOfPath(path));

    [Theory]
    [InlineData(3.2, "5")]
    [InlineData(5, "5")]
    [InlineData(240, "250")]
    [InlineData(99_999, "2147483647")]
    public void A_latency_falls_in_the_first_bucket_that_holds_it(double milliseconds, string bucket) =>
        Assert.Equal(bucket, UsageKinds.LatencyBucket(milliseconds));
}
