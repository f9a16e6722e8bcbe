using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Shows who stands behind the pseudonyms of a usage report, to someone who may read it, and records each time it does.
/// The report keeps only pseudonyms; the names come from matching them against the pseudonyms of everyone who has signed in.
/// </summary>
[FeatureContract]
public sealed class ReportNameReveal(
    ReportsService reports, IAuthorizationService authorization, AccessAuditFacts people, ReportPseudonyms pseudonyms, AuditLog audit)
{
    public const string RevealedAction = "report.names-revealed";

    /// <summary>Pseudonym → display name for the pseudonyms in report <paramref name="reportId"/> (people sharing one are joined by "or").</summary>
    public async Task<IReadOnlyDictionary<string, string>> RevealAsync(ClaimsPrincipal user, int reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await authorization.EnsureAsync(user, ReportKind.Usage.Policy(),
            $"Revealing names in a usage report needs {PortalRoles.ExecutiveViewer} or {PortalRoles.Admin}.");
        var document = await reports.GetDocumentAsync(user, reportId, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no generated report {reportId}.");
        if (document.Kind != ReportKind.Usage)
        {
            throw PortalValidationException.For("reportId", $"Report {reportId} is a {document.Kind.Title().ToLowerInvariant()}; only usage reports hide names.");
        }

        var shown = document.Sections.SelectMany(s => s.Tables).SelectMany(t => t.Rows).SelectMany(r => r)
            .Select(c => c.Text).Where(ReportPseudonyms.IsPseudonym).Select(t => t!).ToHashSet(StringComparer.Ordinal);
        var names = (await people.NamesAsync(cancellationToken))
            .Select(p => (Pseudonym: pseudonyms.Of(p.Key), Name: p.Value))
            .Where(p => shown.Contains(p.Pseudonym))
            .GroupBy(p => p.Pseudonym, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" or ", g.Select(p => p.Name).Order(StringComparer.Ordinal)), StringComparer.Ordinal);
        await audit.RecordAsync(AuditActor.From(user), RevealedAction, nameof(Report), reportId.ToString(CultureInfo.InvariantCulture),
            new { pseudonyms = shown.Count, revealed = names.Count }, cancellationToken);
        return names;
    }
}
