using System.Globalization;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

/// <summary>How far an SLA target has run, for the colour of its countdown.</summary>
public enum SlaUrgency
{
    /// <summary>Less than 75 % of the target used, or no longer running.</summary>
    Calm = 0,

    /// <summary>75 % or more used: amber.</summary>
    Warning = 1,

    /// <summary>Past the breach instant: red.</summary>
    Breached = 2,
}

/// <summary>The incident pages' shared wording and colours, so a priority or a countdown looks the same on every page.</summary>
public static class IncidentDisplay
{
    public const double WarningPercent = 75;

    public static Color PriorityColor(IncidentPriority priority) => priority switch
    {
        IncidentPriority.P1 => Color.Error,
        IncidentPriority.P2 => Color.Warning,
        IncidentPriority.P3 => Color.Info,
        _ => Color.Default,
    };

    public static Color StateColor(IncidentState state) => state switch
    {
        IncidentState.New => Color.Error,
        IncidentState.InProgress => Color.Primary,
        IncidentState.OnHold => Color.Warning,
        IncidentState.Resolved => Color.Success,
        _ => Color.Default,
    };

    public static string Label(ResolutionCode code) => code switch
    {
        ResolutionCode.RolledBack => "Rolled back",
        ResolutionCode.DataCorrected => "Data corrected",
        ResolutionCode.ConfigurationChanged => "Configuration changed",
        ResolutionCode.NoFaultFound => "No fault found",
        ResolutionCode.ResolvedBySource => "Resolved by its source",
        _ => code.ToString(),
    };

    public static string Label(IncidentSource source) => source switch
    {
        IncidentSource.Manual => "Raised by a person",
        IncidentSource.Alert => "Monitoring alert",
        IncidentSource.QualityReport => "Quality report",
        IncidentSource.DeploymentFailure => "Failed deployment",
        IncidentSource.DeploymentRollback => "Rolled-back deployment",
        _ => "External alert",
    };

    public static string Label(SlaTargetKind target) => target == SlaTargetKind.Response ? "Response" : "Resolution";

    public static string Label(SlaStage stage) => stage switch
    {
        SlaStage.Running => "Running",
        SlaStage.Paused => "Paused",
        SlaStage.Achieved => "Met",
        SlaStage.Breached => "Breached",
        _ => "Cancelled",
    };

    public static string Label(SlaClockKind clock) => clock == SlaClockKind.AroundTheClock ? "24×7" : "Business hours";

    /// <summary>
    /// The target the incident races now: the response until someone acknowledges it, then the resolution until it is
    /// resolved; null once both are met (or it was cancelled).
    /// </summary>
    public static IncidentSla? Current(IncidentView incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.State is IncidentState.Cancelled or IncidentState.Closed or IncidentState.Resolved)
        {
            return null;
        }

        return incident.SlaOf(incident.AcknowledgedAtUtc is null ? SlaTargetKind.Response : SlaTargetKind.Resolution);
    }

    /// <summary>
    /// Wall-clock time until the breach instant, read against <paramref name="nowUtc"/> rather than the database, so a
    /// countdown can tick every second without asking again. A paused or met target keeps what was read.
    /// </summary>
    public static TimeSpan Remaining(IncidentSla sla, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sla);
        if (sla.Stage != SlaStage.Running || sla.BreachAtUtc is not { } breach)
        {
            return sla.Remaining;
        }

        var left = breach - nowUtc;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// The share of the target used at <paramref name="nowUtc"/>. A 24×7 clock counts every second, so it moves on
    /// from the reading; a business-hours clock stands still out of hours, so it keeps the reading until the next one.
    /// </summary>
    public static double PercentUsed(IncidentSla sla, DateTime readAtUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sla);
        if (sla.Stage != SlaStage.Running || sla.Clock != SlaClockKind.AroundTheClock || sla.TargetTime <= TimeSpan.Zero || nowUtc <= readAtUtc)
        {
            return sla.PercentUsed;
        }

        return Math.Round(100 * (sla.Elapsed + (nowUtc - readAtUtc)) / sla.TargetTime, 1);
    }

    public static SlaUrgency UrgencyOf(IncidentSla sla, DateTime readAtUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sla);
        if (sla.Stage == SlaStage.Breached || (sla.Stage == SlaStage.Running && sla.BreachAtUtc is { } breach && nowUtc > breach))
        {
            return SlaUrgency.Breached;
        }

        return sla.Stage is SlaStage.Running or SlaStage.Paused && PercentUsed(sla, readAtUtc, nowUtc) >= WarningPercent ? SlaUrgency.Warning : SlaUrgency.Calm;
    }

    public static string CssClass(SlaUrgency urgency) => urgency switch
    {
        SlaUrgency.Breached => "sla-breached",
        SlaUrgency.Warning => "sla-warning",
        _ => "sla-calm",
    };

    public static Color ColorOf(SlaUrgency urgency) => urgency switch
    {
        SlaUrgency.Breached => Color.Error,
        SlaUrgency.Warning => Color.Warning,
        _ => Color.Success,
    };

    /// <summary>"2d 03h", "1h 05m", "4m 09s": the two largest units, which is what a person glancing at a queue reads.</summary>
    public static string Duration(TimeSpan value)
    {
        var span = value.Duration();
        var text = span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours:00}h")
            : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s");
        return value < TimeSpan.Zero ? "−" + text : text;
    }

    /// <summary>"15 min", "4 h", "3 business days", "1 h 30 min": a target as an admin set it.</summary>
    public static string Target(SlaDuration duration)
    {
        var parts = new List<string>();
        if (duration.BusinessDays > 0)
        {
            parts.Add(duration.BusinessDays == 1 ? "1 business day" : $"{duration.BusinessDays} business days");
        }

        var time = duration.Time;
        if ((int)time.TotalHours > 0)
        {
            parts.Add($"{(int)time.TotalHours} h");
        }

        if (time.Minutes > 0)
        {
            parts.Add($"{time.Minutes} min");
        }

        return parts.Count == 0 ? "0 min" : string.Join(" ", parts);
    }
}
