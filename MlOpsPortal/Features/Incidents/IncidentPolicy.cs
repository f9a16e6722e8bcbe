using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Everything an admin sets for incidents: the priority matrix, the SLA targets, the business calendar, who works each
/// support level, when resolved incidents close and whether a resolved signal resolves its incident.
/// </summary>
public sealed record IncidentPolicy(
    PriorityMatrix Matrix,
    SlaTargets Targets,
    CalendarSettings Calendar,
    SupportRoster Roster,
    int AutoCloseDays,
    bool AutoResolveOnSignalResolved)
{
    public static IncidentPolicy Default { get; } = new(
        PriorityMatrix.Default, SlaTargets.Default, CalendarSettings.Default, SupportRoster.Empty, AutoCloseDays: 3, AutoResolveOnSignalResolved: false);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>The business calendar as an admin edits it.</summary>
public sealed record CalendarSettings(string TimeZoneId, TimeOnly Opens, TimeOnly Closes, IReadOnlyList<DayOfWeek> WorkingDays, IReadOnlyList<DateOnly> Holidays)
{
    public static CalendarSettings Default { get; } = new(
        BusinessCalendar.DefaultTimeZoneId, new TimeOnly(9, 0), new TimeOnly(17, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], []);

    public BusinessCalendar ToCalendar() => new(TimeZoneId, Opens, Closes, WorkingDays, Holidays);
}

/// <summary>Who works each support level: they are notified when an incident at their level warns or escalates to them.</summary>
public sealed record SupportRoster(IReadOnlyList<RosterMember> L1, IReadOnlyList<RosterMember> L2, IReadOnlyList<RosterMember> L3)
{
    public static SupportRoster Empty { get; } = new([], [], []);

    public IReadOnlyList<RosterMember> For(SupportLevel level) => level switch
    {
        SupportLevel.L1 => L1,
        SupportLevel.L2 => L2,
        _ => L3,
    };

    public IEnumerable<RosterMember> Everyone => L1.Concat(L2).Concat(L3).DistinctBy(m => m.Id);
}

/// <summary>A support person: their Entra object id (as notifications address them) and name.</summary>
public sealed record RosterMember(string Id, string Name);

/// <summary>The stored policy: one row, each part a JSON document.</summary>
public sealed class IncidentSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string PolicyJson { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class IncidentSettingsConfiguration : IEntityTypeConfiguration<IncidentSettings>
{
    public void Configure(EntityTypeBuilder<IncidentSettings> builder)
    {
        builder.ToTable("IncidentSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
