using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// Stores UTC, truncated to the microsecond: PostgreSQL keeps microseconds where .NET has 100 ns ticks, so without the
/// truncation a time read back from PostgreSQL would differ from the one written; truncating for every provider makes
/// what is stored, and what comes back, the same everywhere.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToStored(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    internal static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);
    }
}
