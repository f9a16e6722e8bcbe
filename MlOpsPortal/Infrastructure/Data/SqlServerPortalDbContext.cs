using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Named: Npgsql has an extension of the same name (identity by default), and both are in scope.
        AddPointLogIds(modelBuilder, id => SqlServerPropertyBuilderExtensions.UseIdentityColumn(id));
    }
}
