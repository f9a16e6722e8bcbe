using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Health;

/// <summary>A page of scores (the portfolio, the homes) computed together must say exactly what each model's own score says.</summary>
public sealed class HealthBatchTests
{
    [Fact]
    public async Task Scores_computed_for_every_demo_model_at_once_equal_each_computed_alone()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var health = app.Services.GetRequiredService<HealthScore>();
        var keys = (await app.Services.GetRequiredService<RegistryKeys>().SearchModelKeysAsync(null, 200)).ToList();
        Assert.True(keys.Count >= 5, "the demo data registers several models");

        var sawShadowOrWarning = false;
        foreach (var environment in new[] { "production", "staging" })
        {
            var batch = await health.ComputeAsync([.. keys, "no-such-model"], environment);

            Assert.Equal(keys.Order(StringComparer.Ordinal), batch.Keys.Order(StringComparer.Ordinal));
            foreach (var key in keys)
            {
                var alone = await health.ComputeAsync(key, environment);
                Assert.Equal(JsonSerializer.Serialize(alone), JsonSerializer.Serialize(batch[key]));
                sawShadowOrWarning |= alone.ShadowDeployment is not null || alone.Status >= HealthStatus.Warning;
            }
        }

        // The comparison covers scores with something to say, not only empty ones.
        Assert.True(sawShadowOrWarning);
    }

    [Fact]
    public async Task Scores_of_places_across_environments_at_once_equal_each_computed_alone()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var health = app.Services.GetRequiredService<HealthScore>();
        var keys = (await app.Services.GetRequiredService<RegistryKeys>().SearchModelKeysAsync(null, 200)).ToList();
        // Not every model in every environment, as an inbox's cards are.
        var places = keys.Select((k, i) => (k, i % 2 == 0 ? "production" : "staging")).Append((keys[0], "staging")).ToList();

        var batch = await health.ComputeAsync([.. places, ("no-such-model", "production")]);

        Assert.Equal(places.Order(), batch.Keys.Order());
        foreach (var (model, environment) in places)
        {
            Assert.Equal(JsonSerializer.Serialize(await health.ComputeAsync(model, environment)), JsonSerializer.Serialize(batch[(model, environment)]));
        }
    }

    [Fact]
    public async Task Approval_standings_at_once_equal_each_asked_alone()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var running = app.Services.GetRequiredService<RunningDeployments>();
        var keys = (await app.Services.GetRequiredService<RegistryKeys>().SearchModelKeysAsync(null, 200)).ToList();

        var batch = await running.ApprovalStandingsAsync(keys, "production");

        Assert.Contains(batch.Values, s => s.Kind != ApprovalStandingKind.NotDeployed);
        foreach (var key in keys)
        {
            Assert.Equal(await running.ApprovalStandingAsync(key, "production"), batch[key]);
        }
    }
}
