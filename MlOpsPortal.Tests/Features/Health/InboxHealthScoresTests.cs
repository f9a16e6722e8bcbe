using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Health;

/// <summary>The approvals inbox takes its cards' scores from the shared snapshots; each card must show the score its model has on its own.</summary>
public sealed class InboxHealthScoresTests
{
    [Fact]
    public async Task Each_inbox_card_shows_the_health_score_of_its_model_in_its_environment()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        await using var bunit = new BunitContext();
        bunit.Services.AddSingleton(new ModelHealthComponent(typeof(ModelHealthView)));
        bunit.UsePortalServices(app.Services, app.Services.GetRequiredService<TimeProvider>(),
            typeof(DeploymentRequests), typeof(DeploymentDecisions), typeof(CurrentGates), typeof(RunningDeployments), typeof(ModelsService),
            typeof(HealthScore), typeof(HealthSnapshots), typeof(IAuthorizationService));
        var health = app.Services.GetRequiredService<HealthScore>();

        var inbox = bunit.RenderAs<ApprovalsInboxPage>(Personas.SecondApprover);

        var cards = inbox.WaitForElements("[data-testid='inbox-item']");
        Assert.True(cards.Count >= 2, "the demo leaves several requests waiting");
        inbox.WaitForAssertion(() => Assert.Equal(cards.Count, inbox.FindAll("[data-testid='inline-health']").Count));
        var environments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shown in inbox.FindAll("[data-testid='inline-health']"))
        {
            var (model, environment) = (shown.GetAttribute("data-model")!, shown.GetAttribute("data-environment")!);
            var alone = await health.ComputeAsync(model, environment);
            Assert.Equal(alone.Status.ToString(), shown.GetAttribute("data-status"));
            var expected = $"Health: {HealthDisplay.Text(alone.Status)}" + (alone.Score is { } s ? $" ({s.ToString("0", CultureInfo.CurrentCulture)})" : "");
            Assert.Equal(expected, shown.TextContent.Trim());
            environments.Add(environment);
        }

        // Cards of several environments: the batch is one per environment, and each card still gets its own.
        Assert.True(environments.Count >= 1);
    }
}
