using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// Lets features ask for the provider-neutral <see cref="PortalDbContext"/> whichever provider is configured; never a
/// second one inside a transaction (<see cref="TransactionRule"/>).
/// </summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> providerFactory, TransactionRule rule)
    : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext()
    {
        rule.Refuse("A second database context was opened");
        return providerFactory.CreateDbContext();
    }
}
