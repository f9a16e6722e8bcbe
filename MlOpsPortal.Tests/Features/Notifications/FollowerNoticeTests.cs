using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Features.Incidents;
using MlOpsPortal.Tests.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Notifications;

/// <summary>A model's news (a failed check, an incident) reaches the people who follow it, its registrant first among them.</summary>
public sealed class FollowerNoticeTests : IAsyncLifetime
{
    private PortalServices portal = null!;
    private string model = null!;

    private ModelFollowers Followers => portal.Services.GetRequiredService<ModelFollowers>();

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        // The quality job publishes each verdict as a metric point, and ingestion answers once the writer committed it.
        await portal.StartHostedServiceAsync<MetricsWriter>();
        model = await QualityTestData.CreateModelAsync(portal.Services, "followed");
        await Followers.SetAsync(Personas.Business, model, follow: true);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Registering_a_model_makes_the_registrant_follow_it()
    {
        var key = await QualityTestData.CreateModelAsync(portal.Services, "registered");

        var modelId = (await portal.Services.GetRequiredService<RegistryKeys>().ModelIdAsync(key))!.Value;
        Assert.Equal([Personas.Contributor.Id], await Followers.FollowerIdsAsync(modelId));
        Assert.True(await Followers.IsFollowingAsync(Personas.Contributor, key));
    }

    [Fact]
    public async Task A_failed_report_reaches_every_follower_once_and_the_incident_it_opens_does_not_repeat_it()
    {
        await Followers.SetAsync(Personas.Executive, model, follow: true);
        await Followers.SetAsync(Personas.Executive, model, follow: false);
        var checks = portal.Services.GetRequiredService<CheckRuns>();
        var job = portal.Services.GetRequiredService<RunQualityChecksJob>();
        var run = await checks.RequestRunAsync(Personas.Support, model, 1, ["data_quality"], CheckRunTrigger.Manual);

        // No current sample: the data quality check fails. A second execution of the same run (a retried job) writes nothing more.
        var report = await job.ExecuteAsync(run.Id, null, CancellationToken.None);
        Assert.Null(await job.ExecuteAsync(run.Id, null, CancellationToken.None));

        Assert.Equal([Personas.Business.Id, Personas.Contributor.Id], await RecipientsAsync($"quality-report:{report}:"));
        var notice = await portal.QueryAsync(db => db.Notifications.FirstAsync(n => n.DedupKey.StartsWith($"quality-report:{report}:")));
        Assert.Equal((QualityLinks.Report(report!.Value), true), (notice.Link, notice.Critical));
        Assert.Equal($"1 failed check on {model} v1 in production: Data quality", notice.Title);

        var incident = await portal.Services.ProcessedIncidentAsync((await portal.Services.SignalsAsync()).Single().DedupKey);
        Assert.Empty(await RecipientsAsync($"incident:{Incident.ParseNumber(incident.Number)}:opened:"));
    }

    [Fact]
    public async Task A_passing_report_tells_nobody()
    {
        var run = await portal.Services.GetRequiredService<CheckRuns>().RequestRunAsync(Personas.Support, model, 1, ["naming_rules"], CheckRunTrigger.Manual);

        await portal.Services.GetRequiredService<RunQualityChecksJob>().ExecuteAsync(run.Id, null, CancellationToken.None);

        Assert.Empty(await RecipientsAsync("quality-report:"));
    }

    [Fact]
    public async Task An_incident_opened_on_a_model_reaches_its_followers_and_the_first_line_but_not_whoever_opened_it()
    {
        var policies = portal.Services.GetRequiredService<IncidentPolicies>();
        var policy = await policies.CurrentAsync();
        await policies.UpdateAsync(Personas.Admin, policy with { Roster = new SupportRoster([new RosterMember(Personas.Support.Id, Personas.Support.Name)], [], []) });

        var opened = await portal.Services.GetRequiredService<IncidentsService>().CreateAsync(Personas.Contributor,
            new IncidentInput("Scores look stale", "Since this morning.", model, null, null, Impact.Low, Urgency.Low));
        var other = await portal.Services.GetRequiredService<IncidentsService>().CreateAsync(Personas.Support,
            new IncidentInput("Portal slow", "Not about a model.", null, null, null, Impact.Low, Urgency.Low));

        Assert.Equal([Personas.Business.Id, Personas.Support.Id], await RecipientsAsync($"incident:{Incident.ParseNumber(opened.Number)}:opened:"));
        Assert.Empty(await RecipientsAsync($"incident:{Incident.ParseNumber(other.Number)}:opened:"));
    }

    private Task<List<string>> RecipientsAsync(string keyStart) => portal.QueryAsync(db => db.Notifications
        .Where(n => n.DedupKey.StartsWith(keyStart)).OrderBy(n => n.RecipientId).Select(n => n.RecipientId).ToListAsync());
}
