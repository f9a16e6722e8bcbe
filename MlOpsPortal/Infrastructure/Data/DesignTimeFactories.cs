using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MlOpsPortal.Infrastructure.Data;

// `dotnet ef` uses these, so adding a migration or generating the SQL Server or PostgreSQL script needs no secrets and no server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite("Data Source=design-time.db", PortalData.ConfigureSqlite)
            .Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=design-time;Database=MlOpsPortal;Integrated Security=true", PortalData.ConfigureSqlServer)
            .Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>()
            .UseNpgsql("Host=design-time;Database=mlopsportal", PortalData.ConfigurePostgreSql)
            .AddInterceptors(CaseInsensitiveLike.Instance)
            .Options);
}
