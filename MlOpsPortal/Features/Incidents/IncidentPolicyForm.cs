namespace MlOpsPortal.Features.Incidents;

/// <summary>The unit an admin gives an SLA target in.</summary>
public enum TargetUnit
{
    Minutes = 1,
    Hours = 2,
    BusinessDays = 3,
}

/// <summary>One SLA target as the settings page edits it: a number and its unit.</summary>
public sealed class TargetField
{
    public int Amount { get; set; }

    public TargetUnit Unit { get; set; }

    public static TargetField From(SlaDuration duration)
    {
        if (duration.BusinessDays > 0 && duration.Time == TimeSpan.Zero)
        {
            return new TargetField { Amount = duration.BusinessDays, Unit = TargetUnit.BusinessDays };
        }

        // The defaults and this page give a target in one unit; SlaDuration could hold days plus time, which nothing
        // writes today. Were such a target stored, this form would show and save only its time.
        var time = duration.Time;
        return time.TotalMinutes % 60 == 0
            ? new TargetField { Amount = (int)time.TotalHours, Unit = TargetUnit.Hours }
            : new TargetField { Amount = (int)time.TotalMinutes, Unit = TargetUnit.Minutes };
    }

    public SlaDuration ToDuration() => Unit switch
    {
        TargetUnit.BusinessDays => SlaDuration.Days(Amount),
        TargetUnit.Hours => SlaDuration.Hours(Amount),
        _ => SlaDuration.Minutes(Amount),
    };
}

/// <summary>One priority's row of the targets table.</summary>
public sealed class PriorityTargetsForm
{
    public required IncidentPriority Priority { get; init; }

    public SlaClockKind Clock { get; set; }

    public required TargetField Response { get; init; }

    public required TargetField Resolution { get; init; }

    public PrioritySla ToSla() => new(Clock, Response.ToDuration(), Resolution.ToDuration());
}

/// <summary>
/// The incident policy as the settings page edits it: mutable fields the inputs bind to, read from and turned back
/// into the immutable <see cref="IncidentPolicy"/> that <see cref="IncidentPolicies.UpdateAsync"/> validates.
/// </summary>
public sealed class IncidentPolicyForm
{
    public required List<PriorityTargetsForm> Targets { get; init; }

    public required Dictionary<(Impact, Urgency), IncidentPriority> Matrix { get; init; }

    public string? TimeZoneId { get; set; }

    public TimeSpan? Opens { get; set; }

    public TimeSpan? Closes { get; set; }

    public required HashSet<DayOfWeek> WorkingDays { get; init; }

    public required List<DateOnly> Holidays { get; init; }

    public required Dictionary<SupportLevel, List<RosterMember>> Roster { get; init; }

    public int AutoCloseDays { get; set; }

    public bool AutoResolve { get; set; }

    public static IncidentPolicyForm From(IncidentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new IncidentPolicyForm
        {
            Targets = [.. Enum.GetValues<IncidentPriority>().Select(p => policy.Targets.For(p)).Select((sla, i) => new PriorityTargetsForm
            {
                Priority = (IncidentPriority)(i + 1), Clock = sla.Clock, Response = TargetField.From(sla.Response), Resolution = TargetField.From(sla.Resolution),
            })],
            Matrix = (from impact in Enum.GetValues<Impact>() from urgency in Enum.GetValues<Urgency>() select (impact, urgency))
                .ToDictionary(cell => cell, cell => policy.Matrix.PriorityOf(cell.impact, cell.urgency)),
            TimeZoneId = policy.Calendar.TimeZoneId,
            Opens = policy.Calendar.Opens.ToTimeSpan(),
            Closes = policy.Calendar.Closes.ToTimeSpan(),
            WorkingDays = [.. policy.Calendar.WorkingDays],
            Holidays = [.. policy.Calendar.Holidays.Order()],
            Roster = Enum.GetValues<SupportLevel>().ToDictionary(level => level, level => policy.Roster.For(level).ToList()),
            AutoCloseDays = policy.AutoCloseDays,
            AutoResolve = policy.AutoResolveOnSignalResolved,
        };
    }

    public IncidentPolicy ToPolicy()
    {
        PrioritySla Sla(IncidentPriority priority) => Targets.Single(t => t.Priority == priority).ToSla();
        IncidentPriority Cell(Impact impact, Urgency urgency) => Matrix[(impact, urgency)];
        return new IncidentPolicy(
            new PriorityMatrix(
                Cell(Impact.High, Urgency.High), Cell(Impact.High, Urgency.Medium), Cell(Impact.High, Urgency.Low),
                Cell(Impact.Medium, Urgency.High), Cell(Impact.Medium, Urgency.Medium), Cell(Impact.Medium, Urgency.Low),
                Cell(Impact.Low, Urgency.High), Cell(Impact.Low, Urgency.Medium), Cell(Impact.Low, Urgency.Low)),
            new SlaTargets(Sla(IncidentPriority.P1), Sla(IncidentPriority.P2), Sla(IncidentPriority.P3), Sla(IncidentPriority.P4)),
            new CalendarSettings(
                TimeZoneId?.Trim() ?? string.Empty,
                TimeOnly.FromTimeSpan(Opens ?? TimeSpan.Zero),
                TimeOnly.FromTimeSpan(Closes ?? TimeSpan.Zero),
                [.. Enum.GetValues<DayOfWeek>().Where(WorkingDays.Contains)],
                [.. Holidays.Order()]),
            new SupportRoster(Roster[SupportLevel.L1], Roster[SupportLevel.L2], Roster[SupportLevel.L3]),
            AutoCloseDays,
            AutoResolve);
    }
}
