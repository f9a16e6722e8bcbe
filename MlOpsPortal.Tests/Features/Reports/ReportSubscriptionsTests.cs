using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>Subscribing (checked, in the person's zone, only to kinds they may read), listing and cancelling.</summary>
public sealed class ReportSubscriptionsTests : ScheduledReportsTestContext
{
    [Fact]
    public async Task A_subscription_is_due_at_the_next_local_time_and_mails_the_sign_in_address_by_default()
    {
        var created = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Weekly, DayOfWeek.Thursday, null,
            new TimeOnly(7, 30), "America/New_York", " ");

        // Thursday 25 February 2027, 07:30 in New York (UTC−5).
        Assert.Equal(new DateTime(2027, 2, 25, 12, 30, 0, DateTimeKind.Utc), created.NextRunUtc);
        Assert.Equal((Personas.Executive.Email, "every Thursday at 07:30"), (created.Email, created.Schedule));
        Assert.Equal([created.Id], (await Subscriptions.ListMineAsync(Personas.Executive)).Select(s => s.Id));
        Assert.Empty(await Subscriptions.ListMineAsync(Personas.Auditor));
        Assert.Equal(1, await AuditCountAsync(ReportSubscriptions.CreatedAction));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", ReportCadence.Weekly, null, null, null, "timeZoneId", "'Mars/Olympus_Mons' is not a time zone this portal knows")]
    [InlineData("Etc/UTC", ReportCadence.Weekly, null, null, null, "dayOfWeek", "A weekly report needs the weekday it arrives on.")]
    [InlineData("Etc/UTC", ReportCadence.Monthly, null, 29, null, "dayOfMonth", "A monthly report needs a day from 1 to 28, or the last day of the month (31).")]
    [InlineData("Etc/UTC", ReportCadence.Monthly, null, 0, null, "dayOfMonth", "A monthly report needs a day from 1 to 28")]
    [InlineData("Etc/UTC", ReportCadence.Weekly, DayOfWeek.Monday, null, "eve at contoso", "email", "'eve at contoso' is not an e-mail address")]
    public async Task Invalid_input_is_refused_with_a_message_on_its_field(
        string zone, ReportCadence cadence, DayOfWeek? weekday, int? day, string? email, string field, string message)
    {
        var error = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Executive, cadence, weekday, day, new TimeOnly(8, 0), zone, email));

        Assert.StartsWith(message, Assert.Single(error.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(0, await DbAsync(db => db.ReportSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task People_subscribe_only_to_the_reports_their_roles_may_read()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Subscriptions.SubscribeAsync(Personas.Business, ReportKind.Executive, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(8, 0), "Etc/UTC", null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Subscriptions.SubscribeAsync(Personas.Auditor, ReportKind.Executive, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(8, 0), "Etc/UTC", null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.SecurityAudit, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(8, 0), "Etc/UTC", null));

        var audit = await Subscriptions.SubscribeAsync(Personas.Auditor, ReportKind.SecurityAudit, ReportCadence.Monthly, null, 1, new TimeOnly(8, 0), "Etc/UTC", null);

        Assert.Equal(ReportKind.SecurityAudit, audit.Kind);
        Assert.Equal(1, await DbAsync(db => db.ReportSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task The_same_subscription_twice_is_a_conflict()
    {
        await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Monthly, null, 31, new TimeOnly(8, 0), "Etc/UTC", null);

        await Assert.ThrowsAsync<PortalConflictException>(() =>
            Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Monthly, null, 31, new TimeOnly(8, 0), "Etc/UTC", null));
    }

    [Fact]
    public async Task Only_the_subscriber_or_an_administrator_cancels_and_the_subscription_is_kept_inactive()
    {
        var mine = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Usage, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(8, 0), "Etc/UTC", null);
        var other = await Subscriptions.SubscribeAsync(Personas.Executive, ReportKind.Executive, ReportCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(8, 0), "Etc/UTC", null);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Subscriptions.CancelAsync(Personas.Auditor, mine.Id));
        await Subscriptions.CancelAsync(Personas.Executive, mine.Id);
        await Subscriptions.CancelAsync(Personas.Executive, mine.Id);
        await Subscriptions.CancelAsync(Personas.Admin, other.Id);
        await Assert.ThrowsAsync<PortalNotFoundException>(() => Subscriptions.CancelAsync(Personas.Executive, 999999));

        Assert.Empty(await Subscriptions.ListMineAsync(Personas.Executive));
        Assert.Equal([false, false], await DbAsync(db => db.ReportSubscriptions.OrderBy(s => s.Id).Select(s => s.Active).ToListAsync()));
        Assert.Equal(2, await AuditCountAsync(ReportSubscriptions.CancelledAction));
    }
}
