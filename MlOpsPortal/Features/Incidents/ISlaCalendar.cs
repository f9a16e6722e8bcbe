namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// The time an SLA clock counts. Instants are UTC <see cref="DateTime"/>s, as everywhere else in the portal's data;
/// an <see cref="DateTimeKind.Unspecified"/> value (as read back from the database) is taken as UTC.
/// </summary>
public interface ISlaCalendar
{
    /// <summary>The counted time from <paramref name="fromUtc"/> to <paramref name="toUtc"/>; zero when they are reversed.</summary>
    TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc);

    /// <summary>The first instant at which <paramref name="duration"/> of counted time has passed since <paramref name="startUtc"/>.</summary>
    DateTime AddWorkingTime(DateTime startUtc, TimeSpan duration);
}
