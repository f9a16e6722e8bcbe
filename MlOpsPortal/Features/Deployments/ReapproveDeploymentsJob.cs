using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

public sealed record ExpiryRunResult(int Warned, int Expired, int ReapprovalRequired);

/// <summary>
/// Daily: warns the people behind a deployment whose approval lapses within <see cref="ExpiryWarningDays"/> days, moves
/// lapsed Approved requests to Expired and lapsed deployments to ReapprovalRequired. Derived from the database alone and
/// idempotent: a second run finds nothing left to move and every warning already sent.
/// </summary>
public sealed class ReapproveDeploymentsJob(
    IDbContextFactory<PortalDbContext> dbFactory, DeploymentRequestStore store, DeploymentWebhooks webhooks,
    NotificationsService notifications, TimeProvider clock)
{
    public const string RecurringId = "reapprove-deployments";
    public const int ExpiryWarningDays = 14;

    public async Task<ExpiryRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = AuditActor.System;
        int expired = 0, reapproval = 0, warned = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var lapsed = await db.DeploymentRequests.AsNoTracking()
                .Where(r => (r.State == DeploymentState.Approved || r.State == DeploymentState.Deployed) && r.ApprovalExpiresAtUtc != null && r.ApprovalExpiresAtUtc <= now)
                .Select(r => new { r.Id, r.State }).ToListAsync(cancellationToken);
            foreach (var item in lapsed)
            {
                if (item.State == DeploymentState.Approved)
                {
                    var view = await store.TransitionAsync(actor, item.Id, [DeploymentState.Approved], DeploymentState.Expired, "deployment-request.expired", null, null, cancellationToken);
                    expired++;
                    webhooks.Publish("expired", view);
                }
                else if (await RequireReapprovalAsync(item.Id, now, cancellationToken) is { } view)
                {
                    reapproval++;
                    webhooks.Publish("expired", view);
                }
            }
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var soon = now.AddDays(ExpiryWarningDays);
            var expiring = await db.DeploymentRequests.AsNoTracking().Include(r => r.Approvals)
                .Where(r => (r.State == DeploymentState.Approved || r.State == DeploymentState.Deployed) && r.ApprovalExpiresAtUtc > now && r.ApprovalExpiresAtUtc <= soon)
                .ToListAsync(cancellationToken);
            var required = await db.DeploymentRequests.AsNoTracking().Include(r => r.Approvals)
                .Where(r => r.State == DeploymentState.ReapprovalRequired).ToListAsync(cancellationToken);
            foreach (var request in expiring)
            {
                warned += await NotifyAsync(db, request, "expiring", critical: false,
                    $"Approval of deployment #{request.Id} expires on {request.ApprovalExpiresAtUtc:yyyy-MM-dd}", cancellationToken);
            }

            foreach (var request in required)
            {
                warned += await NotifyAsync(db, request, "reapproval", critical: true,
                    $"Deployment #{request.Id} needs re-approval: its approval expired", cancellationToken);
            }
        }

        return new ExpiryRunResult(warned, expired, reapproval);
    }

    private async Task<DeploymentRequestView?> RequireReapprovalAsync(int id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async transaction =>
        {
            var changed = await db.DeploymentRequests
                .Where(r => r.Id == id && r.State == DeploymentState.Deployed && r.ApprovalExpiresAtUtc <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, DeploymentState.ReapprovalRequired)
                    .SetProperty(r => r.ApprovalRound, r => r.ApprovalRound + 1).SetProperty(r => r.ApprovalCount, 0)
                    .SetProperty(r => r.StateChangedAtUtc, now).SetProperty(r => r.StateChangedBy, AuditActor.System.Name), cancellationToken);
            if (changed == 0)
            {
                return null;
            }

            db.AddAuditEvent(AuditActor.System, "deployment-request.reapproval-required", DeploymentRequestStore.EntityType, DeploymentRequestStore.Id(id),
                new { before = nameof(DeploymentState.Deployed), after = nameof(DeploymentState.ReapprovalRequired), expiredAtUtc = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await store.ViewAsync(db, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>One notice per person and occasion, saved with its audit event; returns how many were new.</summary>
    private async Task<int> NotifyAsync(PortalDbContext db, DeploymentRequest request, string occasion, bool critical, string title, CancellationToken cancellationToken)
    {
        var recipients = request.Approvals.Where(a => a.Round == request.ApprovalRound || occasion == "reapproval")
            .Select(a => a.ApproverId).Append(request.RequesterId).Distinct(StringComparer.Ordinal);
        var fresh = await notifications.AddAsync(db,
            [.. recipients.Select(r => new Notice(r, $"{occasion}:{request.Id}:{request.ApprovalRound}:{r}", title, DeploymentLinks.Request(request.Id), critical))],
            cancellationToken);
        if (fresh.Count == 0)
        {
            return 0;
        }

        db.AddAuditEvent(AuditActor.System, $"deployment-request.{occasion}-notified", DeploymentRequestStore.EntityType, DeploymentRequestStore.Id(request.Id),
            new { recipients = fresh.Select(f => f.RecipientId).ToList(), request.ApprovalExpiresAtUtc });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (NotificationsService.IsAlreadySent(ex))
        {
            // Another run sent them a moment ago.
            db.ChangeTracker.Clear();
            return 0;
        }

        return fresh.Count;
    }
}
