using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

public sealed class MigrationTests
{
    public const string SqlServerScript = "database/sqlserver/MlOpsPortal.sql";
    public const string PostgreSqlScript = "database/postgresql/MlOpsPortal.sql";

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: dotnet ef migrations add <Name> --context SqlitePortalDbContext --output-dir Infrastructure/Data/Migrations/Sqlite");
    }

    [Fact]
    public void SqlServer_migrations_match_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQL Server migration: dotnet ef migrations add <Name> --context SqlServerPortalDbContext --output-dir Infrastructure/Data/Migrations/SqlServer");
    }

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --context PostgreSqlPortalDbContext --output-dir Infrastructure/Data/Migrations/PostgreSql");
    }

    [Fact]
    public void Sqlite_and_sql_server_have_the_same_migrations_but_the_point_logs_id()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        // SQLite's point log is its rowid; SQL Server adds an identity column for it (as PostgreSQL does).
        Assert.Equal(
            sqlite.Database.GetMigrations().Select(StripTimestamp),
            sqlServer.Database.GetMigrations().Select(StripTimestamp).Where(name => name != "MetricPointIds"));
    }

    [Fact]
    public void Sql_server_keeps_raw_points_in_commit_order_by_an_identity_column()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("ALTER TABLE [MetricPoints] ADD [Id] bigint NOT NULL IDENTITY;", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_MetricPoints_Id] ON [MetricPoints] ([Id]);", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Committed_sql_server_script_equals_a_fresh_generation()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var fresh = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, SqlServerScript));

        Assert.True(Normalize(fresh) == Normalize(committed),
            $"{SqlServerScript} is out of date: run database/generate-sqlserver-script.sh and commit the result.");
    }

    [Fact]
    public void Committed_postgresql_script_equals_a_fresh_generation()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        var fresh = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, PostgreSqlScript));

        Assert.True(Normalize(fresh) == Normalize(committed),
            $"{PostgreSqlScript} is out of date: run database/generate-postgresql-script.sh and commit the result.");
    }

    [Fact]
    public async Task The_portal_creates_and_migrates_its_sqlite_file_at_start_in_wal_with_full_sync()
    {
        using var app = new PortalAppFactory();
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        await using var db = await factory.CreateDbContextAsync();
        Assert.True(File.Exists(app.DatabasePath));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous;")); // 2 = FULL
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys;"));
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string StripTimestamp(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
