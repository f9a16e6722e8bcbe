using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>What each environment demands before a deployment: the approvals per risk tier, their validity and the gates. Admins edit them.</summary>
public sealed class EnvironmentPolicies(
    IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, RegistryKeys keys, TimeProvider clock)
{
    public async Task<IReadOnlyList<EnvironmentPolicyView>> ListPoliciesAsync(CancellationToken cancellationToken = default)
    {
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.EnvironmentPolicies.AsNoTracking().OrderBy(p => p.EnvironmentId).ToListAsync(cancellationToken);
        return [.. policies.Select(p => new EnvironmentPolicyView(
            environments[p.EnvironmentId].Key, environments[p.EnvironmentId].DisplayName, ToInput(p), p.UpdatedBy, p.UpdatedAtUtc))];
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
        var environment = await keys.EnvironmentAsync(environmentKey, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = environment is null ? null : await db.EnvironmentPolicies.SingleOrDefaultAsync(p => p.EnvironmentId == environment.Id, cancellationToken);
        if (environment is null || policy is null)
        {
            throw new PortalNotFoundException($"There is no environment '{environmentKey}'.");
        }

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
        return new EnvironmentPolicyView(environmentKey, environment.DisplayName, ToInput(policy), policy.UpdatedBy, policy.UpdatedAtUtc);
    }

    /// <summary>The policy a request is judged by; every environment has one from the migrations.</summary>
    internal static async Task<EnvironmentPolicy> PolicyAsync(PortalDbContext db, int environmentId, CancellationToken cancellationToken) =>
        (await PoliciesAsync(db, [environmentId], cancellationToken))[environmentId];

    /// <summary>The policies of these environments, by environment id, in one read; every environment has one.</summary>
    internal static async Task<IReadOnlyDictionary<int, EnvironmentPolicy>> PoliciesAsync(
        PortalDbContext db, IReadOnlyCollection<int> environmentIds, CancellationToken cancellationToken)
    {
        var policies = await db.EnvironmentPolicies.AsNoTracking().Where(p => environmentIds.Contains(p.EnvironmentId))
            .ToDictionaryAsync(p => p.EnvironmentId, cancellationToken);
        var missing = environmentIds.Where(id => !policies.ContainsKey(id)).ToList();
        return missing.Count == 0
            ? policies
            : throw new InvalidOperationException($"Environment {string.Join(", ", missing)} has no deployment policy.");
    }

    private static EnvironmentPolicyInput ToInput(EnvironmentPolicy p) => new(
        p.ApprovalsLow, p.ApprovalsMedium, p.ApprovalsHigh, p.ApprovalsCritical, p.ValidityDays, p.QualityGate, p.QualityMaxAgeDays,
        p.DocumentationGate, p.DocumentationThreshold, p.NamingGate, p.CiGate, p.CiMinCoveragePercent, p.CiMaxFailedTests,
        p.CiMaxCriticalVulnerabilities, p.CiMaxHighVulnerabilities, p.AlertsGate);
}
