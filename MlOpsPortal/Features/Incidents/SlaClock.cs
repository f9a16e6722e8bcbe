namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Reads one SLA target's clock. Pure: the caller passes "now", so a job, a page and a test with fixed instants all
/// get the same answer, and nothing is stored that could drift from the incident's own history.
/// </summary>
public static class SlaClock
{
    /// <param name="target">The counted time allowed (see <see cref="SlaDuration.On"/>).</param>
    /// <param name="calendar">24×7 or the business calendar.</param>
    /// <param name="startUtc">When the clock started (detection, or the incident's creation).</param>
    /// <param name="pauses">Times on hold; resolution clocks only, the response clock never pauses.</param>
    /// <param name="nowUtc">The instant read at; for a cancelled clock, when it was cancelled.</param>
    /// <param name="metUtc">When the target was met (acknowledged, resolved), if it was.</param>
    /// <param name="cancelled">The incident was cancelled before the target was met.</param>
    public static SlaReading Read(
        TimeSpan target,
        ISlaCalendar calendar,
        DateTime startUtc,
        IReadOnlyList<SlaPause> pauses,
        DateTime nowUtc,
        DateTime? metUtc = null,
        bool cancelled = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(pauses);
        var start = UtcInstant.Of(startUtc);
        var now = UtcInstant.Of(nowUtc);
        var met = metUtc is { } m ? UtcInstant.Of(m) : (DateTime?)null;
        var stop = met ?? now;
        var holds = Merge(start, pauses);

        var elapsed = TimeSpan.Zero;
        var counted = TimeSpan.Zero;
        DateTime? breachAt = null;
        var cursor = start;
        // Walk the running stretches between holds: what counts up to the stop is elapsed, and the breach instant is
        // where the counted time first reaches the target, which may lie in an earlier stretch than the current one.
        foreach (var (holdStart, holdEnd) in holds)
        {
            elapsed += calendar.WorkingTimeBetween(cursor, Min(holdStart, stop));
            var stretch = calendar.WorkingTimeBetween(cursor, holdStart);
            if (breachAt is null && counted + stretch >= target)
            {
                breachAt = calendar.AddWorkingTime(cursor, target - counted);
            }

            counted += stretch;
            if (holdEnd is not { } resumed)
            {
                break;
            }

            cursor = resumed;
        }

        var onHoldAtStop = holds.Any(h => h.Start <= stop && (h.End is null || stop < h.End));
        if (holds.Count == 0 || holds[^1].End is not null)
        {
            // The last stretch has no end yet: it runs until the stop, and the target runs out in it if not before.
            elapsed += calendar.WorkingTimeBetween(cursor, stop);
            breachAt ??= calendar.AddWorkingTime(cursor, target - counted);
        }

        var breached = breachAt is { } b && stop > b;
        var stage = cancelled ? SlaStage.Cancelled
            : breached ? SlaStage.Breached
            : met is not null ? SlaStage.Achieved
            : onHoldAtStop ? SlaStage.Paused
            : SlaStage.Running;
        var remaining = elapsed < target ? target - elapsed : TimeSpan.Zero;
        var warning = breached ? SlaWarning.Breach
            : elapsed.Ticks * 4 >= target.Ticks * 3 ? SlaWarning.ThreeQuarters
            : elapsed.Ticks * 2 >= target.Ticks ? SlaWarning.Half
            : SlaWarning.None;
        var shownBreach = stage is SlaStage.Running or SlaStage.Breached ? breachAt : null;
        return new SlaReading(stage, target, elapsed, remaining, shownBreach, warning);
    }

    /// <summary>Holds clipped to the start, in order, overlapping ones merged so no time is taken off twice.</summary>
    private static List<(DateTime Start, DateTime? End)> Merge(DateTime start, IReadOnlyList<SlaPause> pauses)
    {
        var merged = new List<(DateTime Start, DateTime? End)>();
        foreach (var pause in pauses.OrderBy(p => p.StartUtc))
        {
            var from = Max(UtcInstant.Of(pause.StartUtc), start);
            DateTime? to = pause.EndUtc is { } e ? UtcInstant.Of(e) : null;
            if (to is { } end && end <= from)
            {
                continue;
            }

            if (merged.Count > 0 && (merged[^1].End is null || merged[^1].End >= from))
            {
                var last = merged[^1];
                merged[^1] = (last.Start, last.End is null || to is null ? null : Max(last.End.Value, to.Value));
                continue;
            }

            merged.Add((from, to));
        }

        return merged;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
