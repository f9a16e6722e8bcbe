using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>What the signal tests read back: the outbox rows, and the incident the processor made of them.</summary>
public static class SignalAssertions
{
    public static async Task<List<Signal>> SignalsAsync(this IServiceProvider services, string? keyStart = null)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Signals.AsNoTracking().Where(s => keyStart == null || s.DedupKey.StartsWith(keyStart)).OrderBy(s => s.Id).ToListAsync();
    }

    /// <summary>Runs the processor as its background pass would, then reads the newest incident opened for the key.</summary>
    public static async Task<IncidentView> ProcessedIncidentAsync(this IServiceProvider services, string key)
    {
        await services.GetRequiredService<IncidentSignals>().ProcessPendingAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var id = await db.Incidents.Where(i => i.SignalKey == key).OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync();
        Assert.True(id is not null, $"No incident was opened for {key}.");
        return (await services.GetRequiredService<IncidentsService>().GetAsync(Incident.Format(id.Value)))!;
    }

    public static Task<IReadOnlyList<TimelineEntryView>> TimelineAsync(this IServiceProvider services, string number) =>
        services.GetRequiredService<IncidentsService>().TimelineAsync(number);
}
