using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>The admin's incident settings page against the real policy service.</summary>
public sealed class IncidentSettingsPageTests : IncidentsComponentContext
{
    [Fact]
    public async Task Invalid_settings_are_refused_with_a_message_on_each_field_and_nothing_is_saved()
    {
        var page = Render<IncidentSettingsPage>(Personas.Admin);
        page.WaitForElement("[data-testid=response-P1]");
        Input(page, "response-P1").Change("0");
        foreach (var day in page.FindAll("[data-testid=calendar-days] input[type=checkbox]").Select((_, i) => i).ToList())
        {
            var box = page.FindAll("[data-testid=calendar-days] input[type=checkbox]")[day];
            if (box.HasAttribute("checked"))
            {
                box.Change(false);
            }
        }

        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("The P1 response target must be longer than zero.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Choose at least one working day.", page.Markup, StringComparison.Ordinal);
        Assert.Equal(IncidentPolicy.Default, await Policies.CurrentAsync());
        Assert.Equal(0, await AuditCountAsync());
    }

    [Fact]
    public async Task Valid_settings_are_saved_audited_and_apply_to_the_next_incident()
    {
        var page = Render<IncidentSettingsPage>(Personas.Admin);
        page.WaitForElement("[data-testid=response-P1]");
        Input(page, "response-P1").Change("20");
        Input(page, "roster-L2-id").Change("oid-lee");
        Input(page, "roster-L2-name").Change("Lee Second");
        page.Find("[data-testid=roster-L2-add]").Click();

        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Incident settings saved.", page.Markup, StringComparison.Ordinal));
        var policy = await Policies.CurrentAsync();
        Assert.Equal(SlaDuration.Minutes(20), policy.Targets.P1.Response);
        Assert.Equal([new RosterMember("oid-lee", "Lee Second")], policy.Roster.L2);
        Assert.Equal(1, await AuditCountAsync());
        var next = await OpenAsync("Churn scores all zero");
        Assert.Equal(TimeSpan.FromMinutes(20), next.SlaOf(SlaTargetKind.Response).TargetTime);
    }

    private Task<int> AuditCountAsync() => Query(db => db.AuditEvents.CountAsync(e => e.Action == "incident-settings.updated"));

    private async Task<T> Query<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
