using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

/// <summary>Reads and (for Portal.Admin) changes the incident policy; every change is audited with before and after.</summary>
public sealed class IncidentPolicies(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public async Task<IncidentPolicy> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CurrentAsync(db, cancellationToken);
    }

    internal static async Task<IncidentPolicy> CurrentAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var json = await db.IncidentSettings.AsNoTracking().Where(s => s.Id == IncidentSettings.SingletonId).Select(s => s.PolicyJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? IncidentPolicy.Default : JsonSerializer.Deserialize<IncidentPolicy>(json, IncidentPolicy.Json) ?? IncidentPolicy.Default;
    }

    public async Task<IncidentPolicy> UpdateAsync(ClaimsPrincipal user, IncidentPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await authorization.EnsureAsync(user, Policies.Admin, "Only portal administrators change SLA targets, the calendar, the priority matrix and the roster.");
        Validate(policy);
        var actor = AuditActor.From(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.IncidentSettings.SingleOrDefaultAsync(s => s.Id == IncidentSettings.SingletonId, cancellationToken);
        var before = row is null ? IncidentPolicy.Default : JsonSerializer.Deserialize<IncidentPolicy>(row.PolicyJson, IncidentPolicy.Json);
        var json = JsonSerializer.Serialize(policy, IncidentPolicy.Json);
        if (row is null)
        {
            row = new IncidentSettings { PolicyJson = json, UpdatedBy = actor.Name };
            db.IncidentSettings.Add(row);
        }

        row.PolicyJson = json;
        row.UpdatedBy = actor.Name;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        db.AddAuditEvent(actor, "incident-settings.updated", nameof(IncidentSettings), null, new { before, after = policy });
        await db.SaveChangesAsync(cancellationToken);
        return policy;
    }

    /// <summary>Every rule an admin's edit must keep, each with a message naming the field.</summary>
    public static void Validate(IncidentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new FieldErrors();
        foreach (var priority in Enum.GetValues<IncidentPriority>())
        {
            var sla = policy.Targets.For(priority);
            CheckTarget(errors, $"targets.{priority}.response", priority, "response", sla.Response);
            CheckTarget(errors, $"targets.{priority}.resolution", priority, "resolution", sla.Resolution);
            if (!Enum.IsDefined(sla.Clock))
            {
                errors.Add($"targets.{priority}.clock", $"Choose 24×7 or business hours for {priority}.");
            }
        }

        var calendar = policy.Calendar;
        if (string.IsNullOrWhiteSpace(calendar.TimeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZoneId, out _))
        {
            errors.Add("calendar.timeZoneId", $"'{calendar.TimeZoneId}' is not a time zone this server knows. Use an IANA id such as Europe/London.");
        }

        if (calendar.Closes <= calendar.Opens)
        {
            errors.Add("calendar.closes", $"Working hours must close after they open ({calendar.Opens:HH\\:mm}–{calendar.Closes:HH\\:mm}).");
        }

        if (calendar.WorkingDays.Count == 0)
        {
            errors.Add("calendar.workingDays", "Choose at least one working day.");
        }

        if (policy.AutoCloseDays is < 1 or > 90)
        {
            errors.Add("autoCloseDays", "Resolved incidents close automatically after 1 to 90 days.");
        }

        foreach (var level in Enum.GetValues<SupportLevel>())
        {
            if (policy.Roster.For(level).Any(m => string.IsNullOrWhiteSpace(m.Id) || string.IsNullOrWhiteSpace(m.Name)))
            {
                errors.Add($"roster.{level}", $"Every {level} member needs an id and a name.");
            }
        }

        errors.ThrowIfAny();
    }

    private static void CheckTarget(FieldErrors errors, string field, IncidentPriority priority, string name, SlaDuration duration)
    {
        if (duration.Time < TimeSpan.Zero || duration.BusinessDays < 0 || (duration.Time == TimeSpan.Zero && duration.BusinessDays == 0))
        {
            errors.Add(field, $"The {priority} {name} target must be longer than zero.");
        }
        else if (duration.Time > TimeSpan.FromDays(60) || duration.BusinessDays > 60)
        {
            errors.Add(field, $"The {priority} {name} target is longer than 60 days; SLA targets are hours or days.");
        }
    }
}
