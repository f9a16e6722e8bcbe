using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

public sealed class IncidentConcurrencyTests : IncidentsTestContext
{
    [Fact]
    public async Task Fifty_concurrent_acknowledgements_make_one_transition_and_one_audit_event_and_the_losers_learn_who_won()
    {
        var incident = await OpenAsync(Impact.High, Urgency.High);
        var auditBefore = await DbAsync(db => db.AuditEvents.CountAsync());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await Work.AcknowledgeAsync(i % 2 == 0 ? Personas.Support : OtherSupport, incident.Number);
                return null;
            }
            catch (PortalConflictException ex)
            {
                return ex.Message;
            }
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r is null);
        var after = (await Incidents.GetAsync(incident.Number))!;
        Assert.Equal(IncidentState.InProgress, after.State);
        Assert.All(results.Where(r => r is not null), message =>
            Assert.Contains($"already acknowledged by {after.AcknowledgedBy} at", message, StringComparison.Ordinal));
        Assert.Equal(after.AcknowledgedBy, after.AssigneeName);
        Assert.Equal(1, await AuditCountAsync(incident.Number, "incident.acknowledged"));
        Assert.Equal(auditBefore + 1, await DbAsync(db => db.AuditEvents.CountAsync()));
        Assert.Single(await Incidents.TimelineAsync(incident.Number), t => t.Kind == TimelineKind.StateChanged);
    }

    [Fact]
    public async Task Two_people_assigning_at_once_give_one_assignment_and_the_loser_is_told_who_took_it()
    {
        var incident = await OpenAsync(Impact.Medium, Urgency.High);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<string?> AssignAsync(Persona by, RosterMember to)
        {
            await start.Task;
            try
            {
                await Work.AssignAsync(by, incident.Number, to, seenAssigneeId: null);
                return null;
            }
            catch (PortalConflictException ex)
            {
                return ex.Message;
            }
        }

        var first = Task.Run(() => AssignAsync(Personas.Support, new RosterMember("dev-support", "Sam Support")));
        var second = Task.Run(() => AssignAsync(OtherSupport, new RosterMember("test-support-2", "Sue Second")));
        start.SetResult();
        var outcomes = await Task.WhenAll(first, second);

        var loser = Assert.Single(outcomes, o => o is not null)!;
        var after = (await Incidents.GetAsync(incident.Number))!;
        Assert.Contains($"was assigned to {after.AssigneeName} by {after.ChangedBy}", loser, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(incident.Number, "incident.assigned"));
    }
}
