namespace MlOpsPortal.Features.Incidents;

/// <summary>A time on hold, during which the resolution clock stands still; no end while still on hold.</summary>
public readonly record struct SlaPause(DateTime StartUtc, DateTime? EndUtc = null);
