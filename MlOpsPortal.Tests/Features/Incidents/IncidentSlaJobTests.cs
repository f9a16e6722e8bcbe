using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

public sealed class IncidentSlaJobTests : SlaTestContext
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Response_warnings_fire_once_each_at_50_75_and_100_percent_and_the_next_level_hears_only_from_75_percent()
    {
        var p1 = await OpenAsync(Impact.High, Urgency.High);

        Advance(TimeSpan.FromMinutes(7.5) - Second);
        Assert.Equal(new IncidentSlaRunResult(0, 0, 0, 0), await Job.RunAsync(CancellationToken.None));

        Advance(Second);
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        var half = Assert.Single(await SlaNoticesAsync(Personas.Support));
        Assert.StartsWith($"{p1.Number} (P1): Response SLA 50 % used of 15 min", half, StringComparison.Ordinal);
        Assert.Empty(await SlaNoticesAsync(Lee));

        Advance(TimeSpan.FromMinutes(3.75));
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(2, (await SlaNoticesAsync(Personas.Support)).Count);
        Assert.Contains("Response SLA 75 % used", Assert.Single(await SlaNoticesAsync(Lee)), StringComparison.Ordinal);
        Assert.Empty(await SlaNoticesAsync(Kim));

        // Met exactly at the target is on time; one tick later it is a breach.
        Advance(TimeSpan.FromMinutes(3.75));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        Advance(Second);
        var breach = await Job.RunAsync(CancellationToken.None);
        Assert.Equal(1, breach.Warned);
        Assert.Equal(1, breach.Escalated);
        Assert.Contains("Response SLA breached", (await SlaNoticesAsync(Personas.Support))[^1], StringComparison.Ordinal);
        Assert.Equal(2, (await SlaNoticesAsync(Lee)).Count);

        var audit = await AuditCountAsync();
        var notices = await NoticeCountAsync();
        Assert.Equal(new IncidentSlaRunResult(0, 0, 0, 0), await Job.RunAsync(CancellationToken.None));
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(notices, await NoticeCountAsync());

        var timeline = await Incidents.TimelineAsync(p1.Number);
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.SlaWarning));
        Assert.Equal(3, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "incident.sla-warning" && e.EntityId == p1.Number)));
    }

    [Fact]
    public async Task A_response_breach_escalates_L1_to_L2_and_after_a_second_target_period_to_L3_telling_each_level()
    {
        var p1 = await OpenAsync(Impact.High, Urgency.High);

        Advance(TimeSpan.FromMinutes(15) + Second);
        await Job.RunAsync(CancellationToken.None);
        var escalated = (await Incidents.GetAsync(p1.Number))!;
        Assert.Equal(SupportLevel.L2, escalated.Level);
        Assert.Contains((await Notifications.ListAsync(Lee)).Select(n => n.Title), t => t.Contains("escalated to L2", StringComparison.Ordinal));
        Assert.Contains(await Incidents.TimelineAsync(p1.Number), t => t is { Kind: TimelineKind.Escalated, ActorName: "System" } && t.Text.Contains("Response SLA breached", StringComparison.Ordinal));

        Advance(TimeSpan.FromMinutes(15) - Second);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Escalated);
        Advance(Second);
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Escalated);
        Assert.Equal(SupportLevel.L3, (await Incidents.GetAsync(p1.Number))!.Level);
        Assert.Contains((await Notifications.ListAsync(Kim)).Select(n => n.Title), t => t.Contains("escalated to L3", StringComparison.Ordinal));

        Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Escalated);
        Assert.Equal(2, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "incident.escalated" && e.EntityId == p1.Number)));
    }

    [Fact]
    public async Task An_acknowledged_incident_gets_no_response_warnings_and_its_assignee_gets_the_resolution_ones()
    {
        var p1 = await OpenAsync(Impact.High, Urgency.High);
        Advance(TimeSpan.FromMinutes(1));
        await Work.AcknowledgeAsync(Personas.Support, p1.Number);

        Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(SupportLevel.L1, (await Incidents.GetAsync(p1.Number))!.Level);

        Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Warned);
        var notice = Assert.Single(await SlaNoticesAsync(Personas.Support));
        Assert.Contains("Resolution SLA 50 % used of 4 h", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(await Incidents.TimelineAsync(p1.Number), t => t.Text.StartsWith("Response SLA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paused_resolution_clock_sends_no_warnings_while_on_hold_and_warns_again_once_resumed()
    {
        var p2 = await OpenAsync(Impact.High, Urgency.Medium);
        await Work.AcknowledgeAsync(Personas.Support, p2.Number);
        Advance(TimeSpan.FromHours(3));
        await Work.HoldAsync(Personas.Support, p2.Number, HoldReason.AwaitingVendor, null);

        Advance(TimeSpan.FromHours(10));
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Equal(SlaStage.Paused, (await Incidents.GetAsync(p2.Number))!.SlaOf(SlaTargetKind.Resolution).Stage);

        await Work.ResumeAsync(Personas.Support, p2.Number);
        Advance(TimeSpan.FromHours(1) - Second);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Warned);
        Advance(Second);
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Warned);
        Assert.Contains("Resolution SLA 50 % used of 8 h", Assert.Single(await SlaNoticesAsync(Personas.Support)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_met_exactly_at_the_target_is_achieved_and_one_second_later_breached()
    {
        var onTime = await OpenAsync(Impact.High, Urgency.High, title: "On time");
        var late = await OpenAsync(Impact.High, Urgency.High, title: "Late");

        Advance(TimeSpan.FromMinutes(15));
        await Work.AcknowledgeAsync(Personas.Support, onTime.Number);
        Advance(Second);
        await Work.AcknowledgeAsync(Personas.Support, late.Number);

        Assert.Equal(SlaStage.Achieved, (await Incidents.GetAsync(onTime.Number))!.SlaOf(SlaTargetKind.Response).Stage);
        Assert.Equal(SlaStage.Breached, (await Incidents.GetAsync(late.Number))!.SlaOf(SlaTargetKind.Response).Stage);
    }

    [Fact]
    public async Task A_resolved_incident_closes_after_3_days_and_a_second_run_changes_nothing()
    {
        var p2 = await ResolvedAsync(Impact.High, Urgency.Medium);

        Advance(TimeSpan.FromDays(3) - Second);
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Closed);
        Advance(Second);
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Closed);
        var closed = (await Incidents.GetAsync(p2.Number))!;
        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, closed.ClosedAtUtc);
        Assert.Contains(await Incidents.TimelineAsync(p2.Number), t => t.ActorName == "System" && t.Text.StartsWith("Closed automatically", StringComparison.Ordinal));

        var audit = await AuditCountAsync();
        Assert.Equal(0, (await Job.RunAsync(CancellationToken.None)).Closed);
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task The_auto_close_delay_is_the_policy_s()
    {
        await SetPolicyAsync(p => p with { AutoCloseDays = 1 });
        var p3 = await ResolvedAsync(Impact.Medium, Urgency.Medium);

        Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await Job.RunAsync(CancellationToken.None)).Closed);
        Assert.Equal(IncidentState.Closed, (await Incidents.GetAsync(p3.Number))!.State);
    }

    [Fact]
    public async Task A_P1_without_its_review_stays_resolved_and_its_assignee_is_reminded_once()
    {
        var p1 = await ResolvedAsync(Impact.High, Urgency.High);

        Advance(TimeSpan.FromDays(4));
        Assert.Equal(new IncidentSlaRunResult(0, 0, 0, 1), await Job.RunAsync(CancellationToken.None));
        Assert.Equal(new IncidentSlaRunResult(0, 0, 0, 0), await Job.RunAsync(CancellationToken.None));

        Assert.Equal(IncidentState.Resolved, (await Incidents.GetAsync(p1.Number))!.State);
        Assert.Single(await Notifications.ListAsync(Personas.Support, 100), n => n.Title.Contains("post-incident review", StringComparison.Ordinal));
        Assert.Single(await Incidents.TimelineAsync(p1.Number), t => t.Kind == TimelineKind.Review);
    }

    private async Task<IncidentView> ResolvedAsync(Impact impact, Urgency urgency)
    {
        var incident = await OpenAsync(impact, urgency);
        await Work.AcknowledgeAsync(Personas.Support, incident.Number);
        Advance(TimeSpan.FromMinutes(10));
        return await Work.ResolveAsync(Personas.Support, incident.Number, ResolutionCode.Fixed, "Restarted the scorer.");
    }
}
