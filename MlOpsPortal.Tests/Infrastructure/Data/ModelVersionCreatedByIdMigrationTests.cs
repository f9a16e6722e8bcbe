using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Tests.Infrastructure.Data;

public sealed class ModelVersionCreatedByIdMigrationTests : IDisposable
{
    private const string MigrationBefore = "20261203084950_AuditVerificationsAppendOnly";

    private readonly string path = Path.Combine(Path.GetTempPath(), $"createdby-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Migrating_backfills_each_versions_registrant_id_from_its_first_registration_event()
    {
        await using (var before = Context())
        {
            await before.GetService<IMigrator>().MigrateAsync(MigrationBefore);
            // Braces are doubled: ExecuteSqlRaw formats its text even without parameters.
            await before.Database.ExecuteSqlRawAsync("""
                INSERT INTO Models (Id, "Key", DisplayName, Description, Owner, BusinessUnit, UseCase, RiskTier, Tags, SearchText, LatestVersion, CreatedBy, CreatedAtUtc, UpdatedBy, UpdatedAtUtc)
                VALUES (1, 'fraud', 'Fraud', '', 'Ada', 'Risk', '', 'High', '[]', 'fraud', 2, 'Ada', '2026-01-01 00:00:00', 'Ada', '2026-01-01 00:00:00'),
                       (2, 'fraud-eu', 'Fraud EU', '', 'Bo', 'Risk', '', 'High', '[]', 'fraud-eu', 1, 'Bo', '2026-01-01 00:00:00', 'Bo', '2026-01-01 00:00:00');
                INSERT INTO ModelVersions (Id, ModelId, Number, Framework, ArtifactUri, ArtifactSha256, SourceRepository, SourceCommit, Hyperparameters, TrainingMetrics, CreatedBy, CreatedAtUtc)
                VALUES (1, 1, 1, 'xgboost', 's3://m/1', 'aa', '', '', '{{}}', '{{}}', 'Ada Lovelace', '2026-01-02 00:00:00'),
                       (2, 1, 2, 'xgboost', 's3://m/2', 'bb', '', '', '{{}}', '{{}}', 'Ada Lovelace', '2026-01-03 00:00:00'),
                       (3, 2, 1, 'xgboost', 's3://m/3', 'cc', '', '', '{{}}', '{{}}', 'Bo Builder', '2026-01-04 00:00:00');
                INSERT INTO AuditEvents (Sequence, OccurredAtUtc, ActorId, ActorName, Action, EntityType, EntityId, Details, PreviousHash, Hash)
                VALUES (1, '2026-01-02 00:00:00', 'oid-ada', 'Ada Lovelace', 'model-version.registered', 'ModelVersion', 'fraud/1', NULL, '', ''),
                       (2, '2026-01-02 00:00:01', 'oid-eve', 'Eve', 'model-version.registered', 'ModelVersion', 'fraud/1', NULL, '', ''),
                       (3, '2026-01-03 00:00:00', 'oid-carl', 'Carl', 'ci-evidence.recorded', 'ModelVersion', 'fraud/2', NULL, '', ''),
                       (4, '2026-01-04 00:00:00', 'oid-bo', 'Bo Builder', 'model-version.registered', 'ModelVersion', 'fraud-eu/1', NULL, '', '');
                """);
        }

        await using var after = Context();
        await after.Database.MigrateAsync();

        var registrants = await after.ModelVersions.AsNoTracking().OrderBy(v => v.Id).Select(v => v.CreatedById).ToListAsync();
        Assert.Equal(["oid-ada", null, "oid-bo"], registrants);
        Assert.Equal(4, await after.AuditEvents.CountAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    private SqlitePortalDbContext Context() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite($"Data Source={path}", PortalData.ConfigureSqlite)
            .Options);
}
