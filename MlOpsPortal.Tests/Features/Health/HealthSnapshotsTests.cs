using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Caching;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Health;

/// <summary>
/// Lists of many cards (the approvals inbox) take their scores from shared snapshots: each score is the one its model
/// has on its own when the snapshot is taken, everyone gets the same for a while, and a model registered since shows at once.
/// </summary>
public sealed class HealthSnapshotsTests
{
    [Fact]
    public async Task Everyone_gets_the_scores_each_model_has_on_its_own_until_the_snapshot_is_too_old()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await PortalServices.StartAsync(clock, seedDemoData: true);
        var health = app.Services.GetRequiredService<HealthScore>();
        var snapshots = app.Services.GetRequiredService<HealthSnapshots>();
        var keys = (await app.Services.GetRequiredService<RegistryKeys>().ModelsWithVersionsAsync()).Select(m => m.Key).ToList();
        var places = keys.SelectMany(k => new[] { (k, "production"), (k, "staging") }).ToList();

        var first = await snapshots.ReportsAsync([.. places, ("no-such-model", "production")]);

        Assert.Equal(places.Order(), first.Keys.Order());
        foreach (var (model, environment) in places)
        {
            Assert.Equal(Json(await health.ComputeAsync(model, environment)), Json(first[(model, environment)]));
        }

        // Within its lifetime the same snapshot answers: nothing is computed again.
        clock.Advance(HealthSnapshots.Lifetime - TimeSpan.FromSeconds(1));
        var again = await snapshots.ReportsAsync(places);
        Assert.All(places, p => Assert.Same(first[p], again[p]));

        // Older than a snapshot may be, callers wait for scores computed now.
        clock.Advance(SnapshotAge.Max(HealthSnapshots.Lifetime));
        var later = await snapshots.ReportsAsync(places);
        Assert.All(places, p => Assert.Equal(clock.GetUtcNow().UtcDateTime, later[p].ComputedAtUtc));
    }

    [Fact]
    public async Task A_model_registered_after_the_snapshot_is_scored_at_once()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var snapshots = app.Services.GetRequiredService<HealthSnapshots>();
        var known = (await app.Services.GetRequiredService<RegistryKeys>().ModelsWithVersionsAsync())[0].Key;
        await snapshots.ReportsAsync([(known, "production")]);

        var key = $"snapshot-{Guid.NewGuid():N}"[..20];
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(Personas.Contributor.Principal,
            new ModelInput(key, "Registered after the snapshot", "", "Dana Scientist", "Retail", "", RiskTier.Low, []));
        var reports = await snapshots.ReportsAsync([(known, "production"), (key, "production")]);

        // No version yet: no score, and governance says why.
        var report = reports[(key, "production")];
        Assert.Null(report.Score);
        Assert.Contains(report.Parts, p => p.Component == HealthComponent.Governance && p.Explanation == "No version is registered.");
    }

    private static string Json(HealthReport report) => JsonSerializer.Serialize(report);
}
