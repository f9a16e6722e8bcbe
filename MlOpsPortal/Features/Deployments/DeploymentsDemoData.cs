using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Requests in every state for the demo registry: two approvers at work, one deployment whose approval expires within
/// two weeks and one that already needs re-approval. Written once, into a portal without requests.
/// </summary>
public sealed class DeploymentsDemoData(
    IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, DeploymentGates gates, ReapproveDeploymentsJob expiry, TimeProvider clock) : IDemoSeeder
{
    public int Order => DemoSeedOrder.Deployments;

    /// <summary>Quick, and what the first page shows.</summary>
    public bool RunsInBackground => false;

    private sealed record Demo(
        string Model, int Version, string Environment, DeploymentState State, string Requester, string[] Approvers,
        int CreatedDaysAgo, string Justification, string? Comment = null, int? DeployedDaysAgo = null);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.DeploymentRequests.AnyAsync(cancellationToken) || await keys.ModelIdAsync("churn-model", cancellationToken) is null)
        {
            return;
        }

        var arun = Persona("dev-approver");
        var bo = Persona(DevelopmentPersonas.SecondApproverId);
        var dana = Persona("dev-contributor");
        var ada = Persona("dev-admin");
        Demo[] demos =
        [
            new("turbine-failure", 4, "production", DeploymentState.Superseded, dana.Id, [arun.Id, bo.Id], 200, "First production release after the pilot.", DeployedDaysAgo: 198),
            new("turbine-failure", 5, "production", DeploymentState.ReapprovalRequired, dana.Id, [arun.Id, bo.Id], 100, "Retrained on the winter telemetry.", DeployedDaysAgo: 99),
            new("ticket-router", 3, "production", DeploymentState.Deployed, dana.Id, [arun.Id], 80, "Adds the billing queue.", DeployedDaysAgo: 79),
            new("fraud-detector", 4, "production", DeploymentState.Deployed, dana.Id, [arun.Id, bo.Id], 30, "Lower false positives on e-commerce.", DeployedDaysAgo: 29),
            new("web-conversion", 2, "production", DeploymentState.Deployed, ada.Id, [bo.Id], 12, "Second landing-page model.", DeployedDaysAgo: 11),
            // Everything the simulator streams runs on an approval, except claims-triage: rolled back in the portal, its
            // metrics still arrive from production, the demo's shadow deployment.
            new("claims-triage", 3, "production", DeploymentState.RolledBack, dana.Id, [arun.Id, bo.Id], 20, "New investigator routing.", DeployedDaysAgo: 18),
            new("churn-model", 3, "production", DeploymentState.Deployed, dana.Id, [arun.Id], 40, "Adds tenure bands; recall +4 points.", DeployedDaysAgo: 39),
            new("churn-model", 4, "staging", DeploymentState.Deployed, dana.Id, [arun.Id], 8, "Quarterly retrain, shadow-scored in staging first.", DeployedDaysAgo: 7),
            new("credit-default", 5, "staging", DeploymentState.Deployed, dana.Id, [bo.Id], 75, "Validation run before production.", DeployedDaysAgo: 74),
            new("credit-default", 5, "production", DeploymentState.Deployed, dana.Id, [arun.Id, bo.Id], 60, "Recalibrated on the 2026 defaults.", DeployedDaysAgo: 58),
            new("fraud-detector", 5, "staging", DeploymentState.Deployed, dana.Id, [bo.Id], 6, "Device fingerprint features, staging trial.", DeployedDaysAgo: 5),
            new("next-best-offer", 1, "production", DeploymentState.Deployed, dana.Id, [arun.Id], 60, "First in-app recommendations.", DeployedDaysAgo: 59),
            new("demand-forecast", 2, "production", DeploymentState.Deployed, dana.Id, [arun.Id], 84, "Renewed for another quarter while v3 is reworked.", DeployedDaysAgo: 83),
            new("demand-forecast", 3, "production", DeploymentState.Expired, dana.Id, [bo.Id], 120, "Holiday season forecast; never rolled out."),
            new("demand-forecast", 4, "production", DeploymentState.Approved, dana.Id, [arun.Id], 3, "Adds promotions as a feature."),
            new("credit-default", 6, "staging", DeploymentState.Rejected, dana.Id, [], 6, "Try the new bureau features in staging.", "The bureau data contract is not signed yet; request again once legal has approved it."),
            new("next-best-offer", 2, "staging", DeploymentState.Withdrawn, dana.Id, [], 5, "Seasonal offers."),
            new("fraud-detector", 5, "production", DeploymentState.Pending, dana.Id, [arun.Id], 2, "Adds device fingerprint features; precision +3 points in staging."),
            new("churn-model", 4, "production", DeploymentState.Pending, dana.Id, [], 1, "Quarterly retrain with the latest churn labels."),
            new("next-best-offer", 2, "development", DeploymentState.Deployed, dana.Id, [], 4, "Smoke test.", DeployedDaysAgo: 4),
        ];

        var names = new Dictionary<string, string> { [arun.Id] = arun.Name, [bo.Id] = bo.Name, [dana.Id] = dana.Name, [ada.Id] = ada.Name };
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var demo in demos)
        {
            var target = await keys.VersionAsync(demo.Model, demo.Version, cancellationToken);
            var environment = await keys.EnvironmentAsync(demo.Environment, cancellationToken)
                ?? throw new InvalidOperationException($"The demo needs the environment '{demo.Environment}'.");
            if (target is null)
            {
                continue;
            }

            var riskTier = (await keys.ModelAsync(demo.Model, cancellationToken))!.RiskTier;
            var registrant = (await keys.RegistrantAsync(target.VersionId, cancellationToken))!;
            var policy = await EnvironmentPolicies.PolicyAsync(db, environment.Id, cancellationToken);
            var evaluated = await gates.EvaluateAsync(demo.Model, demo.Version, target.VersionId, demo.Environment, policy, cancellationToken);
            var created = now.AddDays(-demo.CreatedDaysAgo);
            var approvedAt = created.AddHours(20);
            var required = policy.ApprovalsFor(riskTier);
            var approved = demo.State is not (DeploymentState.Pending or DeploymentState.Rejected or DeploymentState.Withdrawn);
            var request = new DeploymentRequest
            {
                ModelId = target.ModelId, ModelVersionId = target.VersionId, EnvironmentId = environment.Id, State = demo.State,
                RiskTier = riskTier, RequiredApprovals = required,
                ApprovalRound = demo.State == DeploymentState.ReapprovalRequired ? 2 : 1,
                ApprovalCount = demo.State == DeploymentState.ReapprovalRequired ? 0 : demo.Approvers.Length,
                Justification = demo.Justification, RequesterId = demo.Requester, RequesterName = names[demo.Requester],
                RegistrantId = dana.Id, RegistrantName = registrant.Name, CreatedAtUtc = created,
                StateChangedAtUtc = demo.DeployedDaysAgo is { } d ? now.AddDays(-d) : approved ? approvedAt : created.AddHours(5),
                StateChangedBy = demo.State switch
                {
                    DeploymentState.Rejected => bo.Name,
                    DeploymentState.Withdrawn => dana.Name,
                    DeploymentState.Pending => dana.Name,
                    DeploymentState.Expired or DeploymentState.ReapprovalRequired => AuditActor.System.Name,
                    _ => "API key release-pipeline",
                },
                DecisionComment = demo.Comment,
                ApprovedAtUtc = approved ? approvedAt : null,
                ApprovalExpiresAtUtc = approved ? approvedAt.AddDays(policy.ValidityDays) : null,
                DeployedAtUtc = demo.DeployedDaysAgo is { } days ? now.AddDays(-days) : null,
                PipelineRunUrl = demo.DeployedDaysAgo is null ? null : $"https://ci.contoso.example/deploy/{demo.Model}/{demo.Version}",
                GatesJson = JsonSerializer.Serialize(evaluated, DeploymentRequestStore.GateJson),
            };

            // A request that needs 0 approvals still shows who looked at it.
            if (demo.Requester != dana.Id)
            {
                request.RegistrantId = dana.Id;
            }

            foreach (var approver in demo.Approvers)
            {
                request.Approvals.Add(new DeploymentApproval
                {
                    Round = 1, ApproverId = approver, ApproverName = names[approver], ApprovedAtUtc = created.AddHours(approver == arun.Id ? 4 : 20),
                    Comment = approver == arun.Id ? "Evidence reviewed." : "Agreed.",
                });
            }

            db.DeploymentRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            var id = DeploymentRequestStore.Id(request.Id);
            // The timeline tells the request's history at the times it describes, not the moment the demo was seeded.
            db.AddAuditEvent(new AuditActor(demo.Requester, names[demo.Requester]), "deployment-request.created", DeploymentRequestStore.EntityType, id,
                new { demo = true, gates = evaluated }).OccurredAtUtc = created;
            foreach (var approval in request.Approvals)
            {
                db.AddAuditEvent(new AuditActor(approval.ApproverId, approval.ApproverName), "deployment-request.approval-recorded", DeploymentRequestStore.EntityType, id,
                    new { demo = true, approval.Comment }).OccurredAtUtc = approval.ApprovedAtUtc;
            }

            db.AddAuditEvent(AuditActor.System, "deployment-request.demo-state", DeploymentRequestStore.EntityType, id,
                new { demo = true, after = demo.State.ToString() }).OccurredAtUtc = request.StateChangedAtUtc;
            await db.SaveChangesAsync(cancellationToken);
        }

        await expiry.RunAsync(cancellationToken);
    }

    private static AuditActor Persona(string id)
    {
        var persona = DevelopmentPersonas.Find(id)!;
        return new AuditActor(persona.Id, persona.Name);
    }
}
