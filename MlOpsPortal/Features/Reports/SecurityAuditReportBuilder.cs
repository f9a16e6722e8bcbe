using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The security audit report, for auditors (people are named): privileged roles and their changes, API keys, refused
/// access, segregation of duties and maker-checker, and the audit chain's verification. Everything is read as it stood
/// at the period's end (<see cref="ReportScope.EndUtc"/>): events by their time, keys by when they were created,
/// revoked and used, roles from sign-ins, grants and removals up to then, so a past report can be generated again.
/// </summary>
public sealed class SecurityAuditReportBuilder(
    IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit, AccessAuditFacts access, MakerCheckerEvidence makerChecker) : IReportBuilder
{
    public ReportKind Kind => ReportKind.SecurityAudit;

    public async Task<ReportBody> BuildAsync(ReportScope scope, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(progress);
        var end = scope.EndUtc;
        var people = await access.PeopleAsOfAsync(end, cancellationToken);
        var changes = await access.RoleChangesAsync(scope.FromUtc, end, cancellationToken);
        await progress(25);
        var keys = await KeysAsync(end, cancellationToken);
        await progress(45);
        var refusals = await audit.EventsAsync([AuditActions.AccessDenied], scope.FromUtc, end, cancellationToken);
        await progress(65);
        var exceptions = await makerChecker.OwnModelApprovalsAsync(scope.FromUtc, end, cancellationToken);
        await progress(85);
        var verification = await audit.LatestVerificationAsync(end, cancellationToken);

        var privileged = people.Count(p => p.Roles.Any(SecurityPeopleSections.PrivilegedRoles.Contains));
        var headline = $"{Plural(privileged, "person", "people")} held privileged roles, the portal refused {Plural(refusals.Count, "request", "requests")}, "
            + (exceptions.Count == 0 ? "no maker-checker exceptions were found" : $"{Plural(exceptions.Count, "maker-checker exception was", "maker-checker exceptions were")} found")
            + $", and the audit log {ChainState(verification)}.";
        await progress(100);
        return new ReportBody(headline,
            [
                SecurityPeopleSections.Privileged(scope, people, changes),
                SecurityApiKeysSection.Build(scope, keys),
                SecurityRefusalsSection.Build(scope, refusals),
                SecurityPeopleSections.Segregation(people, exceptions),
                Chain(scope, verification),
            ],
            Definitions);
    }

    public static IReadOnlyList<ReportDefinition> Definitions { get; } =
    [
        new("As of", "Holdings, keys and the audit chain are shown as they stood at the end of the period (or the as-of time when earlier); changes and refusals are those recorded during the period."),
        new("Privileged role", "Portal.Admin (changes the portal's settings, keys and rules) or Deployments.Approver (signs off production deployments)."),
        new("Role held", "The roles of the person's last sign-in by then, less roles the portal had taken away (revoked, expired or removed by an access review), plus portal grants running then. Only people who have signed in are known."),
        new("Role change", "A grant (on an approved access request or by an administrator), a revocation, a grant that ran out, or a role removed by an access review, from the audit log."),
        new("Active API key", "A key created by then, neither revoked nor past its expiry."),
        new("Expiring within 30 days", "An active key whose expiry falls in the 30 days after the as-of time."),
        new("Last used", "The first use on the last day a key was used by then: the portal records a key's use once a day."),
        new("Unused for 90 days", "An active key at least 90 days old not used in the 90 days before the as-of time (never-used keys of that age included)."),
        new("Never used", "An active key with no recorded use by then."),
        new("Refused request", "A page or API call by someone whose roles do not allow it, as the audit log recorded it. Failed sign-ins happen at Entra ID and are in its sign-in logs, not here."),
        new("Role combination to watch", "Models.Contributor with Deployments.Approver (one person could build and approve), or Portal.Admin with a working role (an administrator could change the rules they work under)."),
        new("Maker-checker exception", "An approval recorded by someone who requested the deployment, created the model or registered one of its versions. The portal refuses the requester's and the registrant's own approvals, so there should be none."),
        new("Audit chain", "Each audit event carries a keyed hash over its content and the previous event's hash; the verification job re-computes the chain. Shown: the last verification by then, its result, the events it read, the sequence number and hash of the newest event (the head)."),
    ];

    private async Task<IReadOnlyList<KeyAsOf>> KeysAsync(DateTime end, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Last use from the daily use events rather than the key's LastUsedAtUtc, which moves on with every later use.
        var used = await db.AuditEvents.AsNoTracking().Where(e => e.Action == ApiKeysService.UsedAction && e.EntityId != null && e.OccurredAtUtc < end)
            .GroupBy(e => e.EntityId!).Select(g => new { Id = g.Key, Last = g.Max(e => e.OccurredAtUtc) }).ToDictionaryAsync(g => g.Id, g => g.Last, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CreatedAtUtc < end)
            .Select(k => new { k.Id, k.Name, k.Scopes, k.CreatedBy, k.CreatedAtUtc, k.ExpiresAtUtc, k.RevokedAtUtc }).ToListAsync(cancellationToken);
        return [.. keys.Select(k => new KeyAsOf(k.Name, [.. k.Scopes.Order(StringComparer.Ordinal)], k.CreatedBy, Utc(k.CreatedAtUtc), Utc(k.ExpiresAtUtc),
            k.RevokedAtUtc is { } revoked ? Utc(revoked) : null,
            used.TryGetValue(k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), out var last) ? Utc(last) : null))];
    }

    private static string ChainState(AuditVerification? verification) => verification switch
    {
        null => "had not been verified yet",
        { IsValid: true } => "was verified intact",
        _ => "failed its verification",
    };

    private static ReportSection Chain(ReportScope scope, AuditVerification? v)
    {
        var lead = v switch
        {
            null => $"The audit log had not been verified by {EndOf(scope.EndUtc)}.",
            { IsValid: true } => $"The audit log was verified intact on {Instant(Utc(v.VerifiedAtUtc))}: {Plural((int)v.EventCount, "event", "events")} checked, nothing changed, removed or inserted.",
            _ => $"The audit log failed its verification on {Instant(Utc(v.VerifiedAtUtc))}"
                + (v.FirstBrokenSequence is { } broken ? $" at event {Count(broken)}" : string.Empty) + ": it may have been tampered with and must be investigated.",
        };
        var rows = v is null
            ? []
            : new (string Measure, string Value)[]
            {
                ("Result", v.IsValid ? "Intact" : "Broken"),
                ("Verified at", Instant(Utc(v.VerifiedAtUtc))),
                ("Events verified", Count(v.EventCount)),
                ("Head sequence", v.HeadSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Head hash", v.HeadHash),
                ("First broken event", v.FirstBrokenSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"),
                ("Problem", v.Problem ?? "–"),
            }.ToList();
        return new ReportSection("audit-chain", "Audit chain", lead,
            v is null
                ? []
                : [new ReportFigure("Chain intact", v.IsValid ? 1 : 0, v.IsValid ? "Yes" : "No"), new ReportFigure("Events verified", v.EventCount, Count(v.EventCount)),
                    new ReportFigure("Head sequence", v.HeadSequence, v.HeadSequence.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [],
            [new ReportTable("audit-chain", "Last verification", [Text("Measure"), Text("Value")], [.. rows.Select(r => Row(ReportCell.Of(r.Measure), ReportCell.Of(r.Value)))],
                "No verification recorded.")]);
    }
}
