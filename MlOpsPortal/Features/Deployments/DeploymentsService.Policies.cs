using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Deployments;

public sealed partial class DeploymentsService
{
    public async Task<IReadOnlyList<EnvironmentPolicyView>> ListPoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.EnvironmentPolicies.AsNoTracking().Include(p => p.Environment).OrderBy(p => p.EnvironmentId).ToListAsync(cancellationToken);
        return [.. policies.Select(p => new EnvironmentPolicyView(p.Environment!.Key, p.Environment.DisplayName, ToInput(p), p.UpdatedBy, p.UpdatedAtUtc))];
    }

    public async Task<EnvironmentPolicyView> UpdatePolicyAsync(ClaimsPrincipal user, string environmentKey, EnvironmentPolicyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin);
        var errors = new FieldErrors();
        foreach (var (field, value) in new[] { ("approvalsLow", input.ApprovalsLow), ("approvalsMedium", input.ApprovalsMedium), ("approvalsHigh", input.ApprovalsHigh), ("approvalsCritical", input.ApprovalsCritical) })
        {
            if (value is < 0 or > 10)
            {
                errors.Add(field, "Approvals required must be between 0 and 10.");
            }
        }

        if (input.ValidityDays is < 1 or > 3650)
        {
            errors.Add("validityDays", "Approval validity must be between 1 and 3,650 days.");
        }

        if (input.QualityMaxAgeDays is < 1 or > 365)
        {
            errors.Add("qualityMaxAgeDays", "A quality report's maximum age must be between 1 and 365 days.");
        }

        if (input.DocumentationThreshold is < 0 or > 100)
        {
            errors.Add("documentationThreshold", "The documentation threshold is a percentage, 0 to 100.");
        }

        if (input.CiMinCoveragePercent is < 0 or > 100 || !double.IsFinite(input.CiMinCoveragePercent))
        {
            errors.Add("ciMinCoveragePercent", "Minimum coverage is a percentage, 0 to 100.");
        }

        if (input.CiMaxFailedTests < 0 || input.CiMaxCriticalVulnerabilities < 0 || input.CiMaxHighVulnerabilities < 0)
        {
            errors.Add("ci", "CI limits cannot be negative.");
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.EnvironmentPolicies.Include(p => p.Environment).SingleOrDefaultAsync(p => p.Environment!.Key == environmentKey, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no environment '{environmentKey}'.");
        var before = ToInput(policy);
        policy.ApprovalsLow = input.ApprovalsLow;
        policy.ApprovalsMedium = input.ApprovalsMedium;
        policy.ApprovalsHigh = input.ApprovalsHigh;
        policy.ApprovalsCritical = input.ApprovalsCritical;
        policy.ValidityDays = input.ValidityDays;
        policy.QualityGate = input.QualityGate;
        policy.QualityMaxAgeDays = input.QualityMaxAgeDays;
        policy.DocumentationGate = input.DocumentationGate;
        policy.DocumentationThreshold = input.DocumentationThreshold;
        policy.NamingGate = input.NamingGate;
        policy.CiGate = input.CiGate;
        policy.CiMinCoveragePercent = input.CiMinCoveragePercent;
        policy.CiMaxFailedTests = input.CiMaxFailedTests;
        policy.CiMaxCriticalVulnerabilities = input.CiMaxCriticalVulnerabilities;
        policy.CiMaxHighVulnerabilities = input.CiMaxHighVulnerabilities;
        policy.AlertsGate = input.AlertsGate;
        var actor = AuditActor.From(user);
        policy.UpdatedBy = actor.Name;
        policy.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        db.AddAuditEvent(actor, "environment-policy.updated", nameof(EnvironmentPolicy), environmentKey, new { before, after = input });
        await db.SaveChangesAsync(cancellationToken);
        return new EnvironmentPolicyView(environmentKey, policy.Environment!.DisplayName, ToInput(policy), policy.UpdatedBy, policy.UpdatedAtUtc);
    }

    public async Task<WebhookSettingsInput> GetWebhookAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.DeploymentSettings.AsNoTracking().SingleAsync(s => s.Id == DeploymentSettings.SingletonId, cancellationToken);
        return new WebhookSettingsInput(settings.WebhookUrl, settings.WebhookSecret);
    }

    public async Task UpdateWebhookAsync(ClaimsPrincipal user, WebhookSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin);
        var errors = new FieldErrors();
        errors.AbsoluteUri("url", input.Url, "Webhook URL", FieldErrors.WebSchemes);
        errors.MaxLength("url", input.Url, 2000, "Webhook URL");
        if (!string.IsNullOrWhiteSpace(input.Url) && !errors.Any && webhooks.ProblemWithUrl(input.Url) is { } unsafeUrl)
        {
            errors.Add("url", unsafeUrl);
        }
        if (!string.IsNullOrWhiteSpace(input.Url) && (input.Secret?.Trim().Length ?? 0) < 16)
        {
            errors.Add("secret", "The webhook secret must have at least 16 characters, so receivers can trust the signature.");
        }

        errors.MaxLength("secret", input.Secret, 200, "Secret");
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.DeploymentSettings.SingleAsync(s => s.Id == DeploymentSettings.SingletonId, cancellationToken);
        var before = settings.WebhookUrl;
        settings.WebhookUrl = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim();
        settings.WebhookSecret = string.IsNullOrWhiteSpace(input.Url) ? null : input.Secret!.Trim();
        var actor = AuditActor.From(user);
        settings.UpdatedBy = actor.Name;
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        // The secret never goes into the audit log.
        db.AddAuditEvent(actor, "deployment-webhook.updated", nameof(DeploymentSettings), null, new { before, after = settings.WebhookUrl });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static EnvironmentPolicyInput ToInput(EnvironmentPolicy p) => new(
        p.ApprovalsLow, p.ApprovalsMedium, p.ApprovalsHigh, p.ApprovalsCritical, p.ValidityDays, p.QualityGate, p.QualityMaxAgeDays,
        p.DocumentationGate, p.DocumentationThreshold, p.NamingGate, p.CiGate, p.CiMinCoveragePercent, p.CiMaxFailedTests,
        p.CiMaxCriticalVulnerabilities, p.CiMaxHighVulnerabilities, p.AlertsGate);
}
