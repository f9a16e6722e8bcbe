using static MlOpsPortal.Features.Reports.ReportPhrases;

namespace MlOpsPortal.Features.Reports;

/// <summary>An API key as it stood at the report's end; <see cref="LastUsedUtc"/> from its daily use events up to then.</summary>
internal sealed record KeyAsOf(string Name, IReadOnlyList<string> Scopes, string CreatedBy, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc, DateTime? LastUsedUtc);

/// <summary>The security audit's "API keys": active, expiring, unused, never used and revoked keys; never a secret or a prefix.</summary>
internal static class SecurityApiKeysSection
{
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(30);
    public static readonly TimeSpan UnusedFor = TimeSpan.FromDays(90);

    public static ReportSection Build(ReportScope scope, IReadOnlyList<KeyAsOf> keys)
    {
        var end = scope.EndUtc;
        bool Active(KeyAsOf k) => (k.RevokedAtUtc is null || k.RevokedAtUtc >= end) && k.ExpiresAtUtc > end;
        bool Expiring(KeyAsOf k) => Active(k) && k.ExpiresAtUtc <= end + ExpiringWithin;
        bool Never(KeyAsOf k) => Active(k) && k.LastUsedUtc is null;
        bool Unused(KeyAsOf k) => Active(k) && k.CreatedAtUtc <= end - UnusedFor && (k.LastUsedUtc is null || k.LastUsedUtc < end - UnusedFor);
        bool RevokedInPeriod(KeyAsOf k) => k.RevokedAtUtc >= scope.FromUtc && k.RevokedAtUtc < end;
        string Status(KeyAsOf k) => k.RevokedAtUtc < end ? "Revoked"
            : !Active(k) ? "Expired"
            : Expiring(k) ? "Expiring within 30 days"
            : Never(k) ? "Never used"
            : Unused(k) ? "Unused for 90 days"
            : "Active";

        // The keys that mattered in the period: those still working at some moment of it.
        var listed = keys.Where(k => (k.RevokedAtUtc is null || k.RevokedAtUtc >= scope.FromUtc) && k.ExpiresAtUtc > scope.FromUtc)
            .OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.CreatedAtUtc).ToList();
        var (active, expiring, unused, never, revoked) =
            (keys.Count(Active), keys.Count(Expiring), keys.Count(Unused), keys.Count(Never), keys.Count(RevokedInPeriod));
        var lead = active == 0
            ? $"No API key was working at {EndOf(end)}" + (revoked > 0 ? $"; {Plural(revoked, "key was", "keys were")} revoked in the period." : ".")
            : $"{Plural(active, "API key was", "API keys were")} working at {EndOf(end)}: {Count(expiring)} expire within 30 days, "
                + $"{Count(unused)} had not been used for 90 days and {Count(never)} had never been used; {Count(revoked)} revoked in the period.";
        return new ReportSection("api-keys", "API keys", lead,
            [
                Figure("Active keys", active), Figure("Expiring within 30 days", expiring), Figure("Unused for 90 days", unused),
                Figure("Never used", never), Figure("Revoked in the period", revoked),
            ],
            [],
            [
                new ReportTable("api-keys", "API keys in use during the period",
                    [Text("Name"), Text("Scopes"), Text("Created by"), When("Created"), When("Expires"), When("Last used"), Text("Status")],
                    [.. listed.Select(k => Row(ReportCell.Of(k.Name), ReportCell.Of(string.Join(", ", k.Scopes)), ReportCell.Of(k.CreatedBy), ReportCell.Of(k.CreatedAtUtc),
                        ReportCell.Of(k.ExpiresAtUtc), ReportCell.Of(k.LastUsedUtc), ReportCell.Of(Status(k))))],
                    "No API key was in use."),
            ]);
    }
}
