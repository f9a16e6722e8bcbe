using System.Globalization;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Features.Deployments;

/// <summary>What a pipeline callback tells the incidents feature.</summary>
internal enum DeploymentSignal
{
    Failed,
    RolledBack,
    Deployed,
}

/// <summary>
/// Raises a deployment's signal in the transition's own transaction: a failed or rolled-back deployment is a
/// problem of that model in that environment; a later successful deployment there says it has gone away.
/// </summary>
internal static class DeploymentSignals
{
    public static string Key(int modelId, int environmentId) =>
        $"deployment:{modelId.ToString(CultureInfo.InvariantCulture)}:{environmentId.ToString(CultureInfo.InvariantCulture)}";

    public static async Task RaiseAsync(
        PortalDbContext db, RegistryKeys keys, DeploymentRequest request, DeploymentSignal signal, DateTime now, CancellationToken cancellationToken)
    {
        var key = Key(request.ModelId, request.EnvironmentId);
        if (signal == DeploymentSignal.Deployed && !await db.IsFiringAsync(key, cancellationToken))
        {
            return;
        }

        // On the transaction's own connection, as DeploymentRequestStore.ViewsAsync reads versions.
        var version = (await RegistryKeys.VersionsAsync(db, [request.ModelVersionId], cancellationToken))[request.ModelVersionId];
        var environment = (await keys.EnvironmentsAsync(db, cancellationToken)).SingleOrDefault(e => e.Id == request.EnvironmentId)?.Key;
        var what = $"{version.ModelKey} v{version.Number.ToString(CultureInfo.InvariantCulture)}";
        var (source, status, severity, title) = signal switch
        {
            DeploymentSignal.Failed => (SignalSource.DeploymentFailure, SignalStatus.Firing, SignalSeverity.High, $"Deployment of {what} to {environment} failed"),
            DeploymentSignal.RolledBack => (SignalSource.DeploymentRollback, SignalStatus.Firing, SignalSeverity.Medium, $"{what} was rolled back in {environment}"),
            _ => (SignalSource.DeploymentFailure, SignalStatus.Resolved, SignalSeverity.High, $"{what} deployed to {environment}"),
        };
        var detail = request.PipelineRunUrl is { } run ? $"Pipeline run: {run}" : null;
        db.RaiseSignal(source, status, key, severity, title, now, new SignalSubject(request.ModelId, request.ModelVersionId, request.EnvironmentId), detail,
            $"deployment-request:{request.Id.ToString(CultureInfo.InvariantCulture)}", DeploymentLinks.Request(request.Id));
    }
}
