using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// Lets features ask for the provider-neutral <see cref="PortalDbContext"/> whichever provider is configured, and refuses
/// a second context inside a transaction (<see cref="UnitOfWork.OpenTransaction"/>): in Development, where every test
/// runs, as an exception naming the mistake; elsewhere as a warning with the call's stack, so the work still gets done.
/// </summary>
internal sealed partial class PortalDbContextFactory<TContext>(
    IDbContextFactory<TContext> providerFactory, IHostEnvironment environment, ILogger<PortalDbContextFactory<TContext>> logger)
    : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    private const string Mistake =
        "A second database context was opened inside a transaction. Read and write on the transaction's own context " +
        "(pass it down), or do the work before the transaction begins or after it ends: a second context takes a second " +
        "pooled connection while the transaction holds its rows, which stalls once racing requests fill the pool.";

    public PortalDbContext CreateDbContext()
    {
        if (UnitOfWork.OpenTransaction is not null)
        {
            if (environment.IsDevelopment())
            {
                throw new InvalidOperationException(Mistake);
            }

            LogSecondContext(logger, Environment.StackTrace);
        }

        return providerFactory.CreateDbContext();
    }

    [LoggerMessage(EventId = 9020, Level = LogLevel.Warning, Message = Mistake + " At: {StackTrace}")]
    private static partial void LogSecondContext(ILogger logger, string stackTrace);
}
