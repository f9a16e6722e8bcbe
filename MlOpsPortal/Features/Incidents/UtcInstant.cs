namespace MlOpsPortal.Features.Incidents;

/// <summary>Normalises the instants the SLA arithmetic is given.</summary>
internal static class UtcInstant
{
    /// <summary>
    /// EF hands back <see cref="DateTimeKind.Unspecified"/> for UTC columns, so that is taken as UTC; a local time
    /// would depend on the server's zone and is refused rather than guessed.
    /// </summary>
    public static DateTime Of(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("SLA instants must be UTC, not server-local time.", nameof(value)),
    };
}
