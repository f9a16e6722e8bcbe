using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

public sealed class IncidentLifecycleTests : IncidentsTestContext
{
    [Fact]
    public async Task A_high_impact_high_urgency_incident_opens_as_P1_with_both_24x7_clocks_running()
    {
        var incident = await OpenAsync(Impact.High, Urgency.High);

        Assert.Matches("^INC-[0-9]{6}$", incident.Number);
        Assert.Equal(IncidentPriority.P1, incident.Priority);
        Assert.Equal(IncidentState.New, incident.State);
        Assert.Equal(SupportLevel.L1, incident.Level);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, incident.DetectedAtUtc);
        Assert.Equal(incident.DetectedAtUtc, incident.ImpactStartUtc);
        var response = incident.SlaOf(SlaTargetKind.Response);
        Assert.Equal((SlaStage.Running, TimeSpan.FromMinutes(15), SlaClockKind.AroundTheClock), (response.Stage, response.TargetTime, response.Clock));
        Assert.Equal(incident.DetectedAtUtc.AddMinutes(15), response.BreachAtUtc);
        Assert.Equal(TimeSpan.FromHours(4), incident.SlaOf(SlaTargetKind.Resolution).TargetTime);
        Assert.Equal(1, await AuditCountAsync(incident.Number, "incident.opened"));
    }

    [Fact]
    public async Task Hold_stops_the_resolution_clock_and_the_whole_life_is_on_the_timeline_and_in_the_audit_log()
    {
        var incident = await OpenAsync(Impact.Medium, Urgency.High);
        Clock.Advance(TimeSpan.FromMinutes(10));
        incident = await Work.AcknowledgeAsync(Personas.Support, incident.Number);
        Assert.Equal((IncidentState.InProgress, "Sam Support"), (incident.State, incident.AssigneeName));
        Assert.Equal(SlaStage.Achieved, incident.SlaOf(SlaTargetKind.Response).Stage);

        Clock.Advance(TimeSpan.FromMinutes(20));
        incident = await Work.HoldAsync(Personas.Support, incident.Number, HoldReason.AwaitingVendor, "Vendor ticket 4411");
        Clock.Advance(TimeSpan.FromHours(3));
        var onHold = (await Incidents.GetAsync(incident.Number))!.SlaOf(SlaTargetKind.Resolution);
        Assert.Equal((SlaStage.Paused, TimeSpan.FromMinutes(30)), (onHold.Stage, onHold.Elapsed));

        await Work.ResumeAsync(Personas.Support, incident.Number);
        Clock.Advance(TimeSpan.FromMinutes(15));
        incident = await Work.ResolveAsync(Personas.Support, incident.Number, ResolutionCode.ConfigurationChanged, "Vendor fixed the feed.");
        var resolution = incident.SlaOf(SlaTargetKind.Resolution);
        Assert.Equal((SlaStage.Achieved, TimeSpan.FromMinutes(45)), (resolution.Stage, resolution.Elapsed));
        incident = await Work.CloseAsync(Personas.Support, incident.Number);
        Assert.Equal(IncidentState.Closed, incident.State);

        var timeline = await Incidents.TimelineAsync(incident.Number);
        Assert.Equal(
            [TimelineKind.Opened, TimelineKind.StateChanged, TimelineKind.Assigned, TimelineKind.StateChanged, TimelineKind.StateChanged, TimelineKind.StateChanged, TimelineKind.StateChanged],
            timeline.Select(t => t.Kind));
        Assert.Contains("Vendor ticket 4411", timeline[3].Text, StringComparison.Ordinal);
        foreach (var action in new[] { "incident.acknowledged", "incident.put-on-hold", "incident.resumed", "incident.resolved", "incident.closed" })
        {
            Assert.Equal(1, await AuditCountAsync(incident.Number, action));
        }
    }

    [Fact]
    public async Task A_transition_the_state_does_not_allow_is_refused_with_the_allowed_ones_and_changes_nothing()
    {
        var incident = await OpenAsync(Impact.Low, Urgency.Low);

        var refused = await Assert.ThrowsAsync<PortalConflictException>(() => Work.CloseAsync(Personas.Support, incident.Number));

        Assert.Contains($"{incident.Number} is New", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["acknowledge", "cancel"], (string[])refused.Details["allowed"]!);
        Assert.Equal(incident.Revision, (await Incidents.GetAsync(incident.Number))!.Revision);
    }

    [Fact]
    public async Task Missing_reasons_codes_and_notes_are_field_errors_and_write_nothing()
    {
        var incident = await Work.AcknowledgeAsync(Personas.Support, (await OpenAsync(Impact.Low, Urgency.Medium)).Number);

        var hold = await Assert.ThrowsAsync<PortalValidationException>(() => Work.HoldAsync(Personas.Support, incident.Number, null, null));
        var resolve = await Assert.ThrowsAsync<PortalValidationException>(() => Work.ResolveAsync(Personas.Support, incident.Number, null, " "));
        var cancel = await Assert.ThrowsAsync<PortalValidationException>(() => Work.CancelAsync(Personas.Support, incident.Number, null));

        Assert.Contains("awaiting caller, vendor, data or retraining", hold.Errors["reason"][0], StringComparison.Ordinal);
        Assert.Equal(["code", "notes"], resolve.Errors.Keys.Order());
        Assert.Contains("reason", cancel.Errors.Keys);
        Assert.Equal(incident.Revision, (await Incidents.GetAsync(incident.Number))!.Revision);
    }

    [Fact]
    public async Task Only_support_engineers_work_incidents_while_contributors_may_open_them_and_everyone_reads_them()
    {
        var incident = await OpenAsync(Impact.Medium, Urgency.Medium, by: Personas.Contributor);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Work.AcknowledgeAsync(Personas.Contributor, incident.Number));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Work.AcknowledgeAsync(Personas.Business, incident.Number));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => OpenAsync(Impact.Low, Urgency.Low, by: Personas.Business));
        Assert.Empty(await Work.AllowedActionsAsync(Personas.Business, incident));
        Assert.Equal([IncidentAction.Acknowledge, IncidentAction.Cancel], await Work.AllowedActionsAsync(Personas.Support, incident));
        Assert.Equal("Dana Scientist", incident.CreatedByName);
    }

    [Fact]
    public async Task A_matrix_and_target_edit_applies_to_new_incidents_only()
    {
        var before = await OpenAsync(Impact.Medium, Urgency.Medium);
        var policy = await Policies.CurrentAsync();
        await Policies.UpdateAsync(Personas.Admin, policy with
        {
            Matrix = policy.Matrix with { MediumMedium = IncidentPriority.P2 },
            Targets = policy.Targets with { P2 = policy.Targets.P2 with { Response = SlaDuration.Minutes(20) } },
        });

        var after = await OpenAsync(Impact.Medium, Urgency.Medium);

        Assert.Equal((IncidentPriority.P3, TimeSpan.FromHours(4)), (before.Priority, before.SlaOf(SlaTargetKind.Response).TargetTime));
        Assert.Equal(IncidentPriority.P3, (await Incidents.GetAsync(before.Number))!.Priority);
        Assert.Equal((IncidentPriority.P2, TimeSpan.FromMinutes(20)), (after.Priority, after.SlaOf(SlaTargetKind.Response).TargetTime));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Policies.UpdateAsync(Personas.Support, policy));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "incident-settings.updated")));
    }

    [Fact]
    public async Task A_P1_closes_only_after_its_post_incident_review()
    {
        var incident = await OpenAsync(Impact.High, Urgency.High);
        await Work.AcknowledgeAsync(Personas.Support, incident.Number);
        await Work.ResolveAsync(Personas.Support, incident.Number, ResolutionCode.RolledBack, "Rolled back to v3.");

        var refused = await Assert.ThrowsAsync<PortalConflictException>(() => Work.CloseAsync(Personas.Support, incident.Number));
        Assert.Contains("post-incident review", refused.Message, StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAsync<PortalValidationException>(() => Reviews.SaveAsync(Personas.Support, incident.Number,
            new ReviewInput("Scores stopped", null, null, [new ReviewActionItem { Text = "Alert on feed lag", Owner = "" }])));
        Assert.Equal(["actionItems[0].dueDate", "actionItems[0].owner", "rootCause"], invalid.Errors.Keys.Order());

        await Reviews.SaveAsync(Personas.Support, incident.Number, new ReviewInput(
            "Scores stopped for 40 minutes", "An expired feed certificate", "No expiry alert",
            [new ReviewActionItem { Text = "Alert 14 days before expiry", Owner = "Sam Support", DueDate = new DateOnly(2026, 11, 30) }]));
        var closed = await Work.CloseAsync(Personas.Support, incident.Number);

        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.Equal("An expired feed certificate", (await Reviews.GetAsync(incident.Number))!.RootCause);
        Assert.Equal(1, await AuditCountAsync(incident.Number, "incident.review-saved"));
    }

    [Fact]
    public async Task Reviews_are_for_P1_and_P2_only()
    {
        var incident = await OpenAsync(Impact.Low, Urgency.Low);

        var refused = await Assert.ThrowsAsync<PortalConflictException>(() =>
            Reviews.SaveAsync(Personas.Support, incident.Number, new ReviewInput("s", "r", null, [])));

        Assert.Contains("P4", refused.Message, StringComparison.Ordinal);
        Assert.Null(await Reviews.GetAsync(incident.Number));
    }

    [Fact]
    public async Task The_time_between_resolving_and_reopening_is_not_counted_against_resolution()
    {
        var incident = await OpenAsync(Impact.High, Urgency.Medium);
        await Work.AcknowledgeAsync(Personas.Support, incident.Number);
        Clock.Advance(TimeSpan.FromHours(1));
        await Work.ResolveAsync(Personas.Support, incident.Number, ResolutionCode.Fixed, "Restarted the scorer.");
        Clock.Advance(TimeSpan.FromHours(5));

        var reopened = await Work.ReopenAsync(Personas.Support, incident.Number, "Scores stopped again.");
        Clock.Advance(TimeSpan.FromMinutes(30));
        var now = (await Incidents.GetAsync(incident.Number))!;

        Assert.Equal(IncidentState.InProgress, reopened.State);
        Assert.Null(reopened.ResolvedAtUtc);
        var resolution = now.SlaOf(SlaTargetKind.Resolution);
        Assert.Equal((SlaStage.Running, TimeSpan.FromMinutes(90)), (resolution.Stage, resolution.Elapsed));
    }

    [Fact]
    public async Task Escalation_needs_a_reason_moves_one_level_and_stops_at_L3()
    {
        var incident = await OpenAsync(Impact.Medium, Urgency.Low);
        var policy = await Policies.CurrentAsync();
        await Policies.UpdateAsync(Personas.Admin, policy with { Roster = new SupportRoster([], [new RosterMember("dev-admin", "Ada Admin")], []) });

        await Assert.ThrowsAsync<PortalValidationException>(() => Work.EscalateAsync(Personas.Support, incident.Number, ""));
        var l2 = await Work.EscalateAsync(Personas.Support, incident.Number, "Needs the model owner's team");
        var l3 = await Work.EscalateAsync(Personas.Support, incident.Number, "Still failing");
        var refused = await Assert.ThrowsAsync<PortalConflictException>(() => Work.EscalateAsync(Personas.Support, incident.Number, "More"));

        Assert.Equal((SupportLevel.L2, SupportLevel.L3), (l2.Level, l3.Level));
        Assert.Contains("already at L3", refused.Message, StringComparison.Ordinal);
        var notice = Assert.Single(await DbAsync(db => db.Notifications.Where(n => n.RecipientId == "dev-admin").ToListAsync()));
        Assert.Contains("escalated to L2", notice.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorting_by_state_follows_the_life_cycle_so_open_incidents_come_first()
    {
        var closed = await OpenAsync(Impact.Low, Urgency.Low, "Closed one");
        await Work.AcknowledgeAsync(Personas.Support, closed.Number);
        await Work.ResolveAsync(Personas.Support, closed.Number, ResolutionCode.Fixed, "Fixed.");
        await Work.CloseAsync(Personas.Support, closed.Number);
        var cancelled = await OpenAsync(Impact.Low, Urgency.Low, "Cancelled one");
        await Work.CancelAsync(Personas.Support, cancelled.Number, "Raised in error.");
        await Work.AcknowledgeAsync(Personas.Support, (await OpenAsync(Impact.Low, Urgency.Low, "In progress one")).Number);
        await OpenAsync(Impact.Low, Urgency.Low, "New one");

        var page = await Incidents.ListAsync(new IncidentQuery(SortBy: "state"));

        Assert.Equal(["New one", "In progress one", "Closed one", "Cancelled one"], page.Items.Select(i => i.Title));
    }
}
