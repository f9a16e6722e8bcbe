using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>Lets features ask for the provider-neutral <see cref="PortalDbContext"/> whichever provider is configured.</summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> providerFactory)
    : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => providerFactory.CreateDbContext();
}
