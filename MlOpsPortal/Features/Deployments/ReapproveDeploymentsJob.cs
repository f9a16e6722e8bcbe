namespace MlOpsPortal.Features.Deployments;

/// <summary>Daily: warns of approvals lapsing within 14 days and moves lapsed ones on (see <see cref="DeploymentsService.RunExpiryAsync"/>).</summary>
public sealed class ReapproveDeploymentsJob(DeploymentsService deployments)
{
    public const string RecurringId = "reapprove-deployments";

    public Task<ExpiryRunResult> RunAsync(CancellationToken cancellationToken) => deployments.RunExpiryAsync(cancellationToken);
}
