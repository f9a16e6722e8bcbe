using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Checks the append-only triggers when the portal starts (after the migrations). Only a repair is followed by
/// a full verification here, so that it is recorded and readiness turns Degraded at once; the scheduled job
/// does the regular runs.
/// </summary>
internal sealed partial class AuditStartupCheck(IServiceProvider services, ILogger<AuditStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var repaired = await services.GetRequiredService<AuditTriggerGuard>().EnsureAsync(cancellationToken);
            if (repaired.Count > 0)
            {
                await services.GetRequiredService<VerifyAuditChainJob>().VerifyAsync(repaired, cancellationToken);
            }
        }
#pragma warning disable CA1031 // An unreachable database must not stop the portal; readiness reports it.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit triggers could not be checked at start-up")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
