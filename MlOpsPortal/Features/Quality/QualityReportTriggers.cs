namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Reports are immutable: no update ever, and only the retention job's delete of a non-Fail report (a Fail is kept
/// for good). The QualityChecks migrations create the triggers, with their SQL written there; this is the message they
/// raise, so hand-written SQL is held to it too and callers can recognise the refusal.
/// </summary>
public static class QualityReportTriggers
{
    public const string Message = "Quality reports are immutable";
}
