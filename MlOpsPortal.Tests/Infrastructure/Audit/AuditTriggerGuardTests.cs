using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditTriggerGuardTests
{
    private const string CountTriggers = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Audit%'";

    [Fact]
    public async Task Dropped_triggers_are_detected_recreated_audited_and_make_readiness_degraded()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(3);
        await database.DropTriggersAsync();
        Assert.Equal(0, await database.ScalarAsync(CountTriggers));

        await database.CreateJob().RunAsync(CancellationToken.None);

        Assert.Equal(4, await database.ScalarAsync(CountTriggers));
        var repair = (await database.ReadEventsAsync())[^1];
        Assert.Equal(AuditTriggerGuard.RepairedAction, repair.Action);
        Assert.Equal(AuditActor.System.Name, repair.ActorName);
        Assert.Contains("AuditVerifications_NoDelete", repair.Details, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteSqlAsync("DELETE FROM AuditEvents"));
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);

        var health = await CheckHealthAsync(database);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.StartsWith("Audit log tampering found by the verification at 2025-03-01 09:30:03 UTC: append-only triggers", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_stays_degraded_for_a_day_after_a_repair_even_when_the_next_verification_is_clean()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);
        await database.DropTriggersAsync();
        await database.CreateJob().RunAsync(CancellationToken.None);

        database.Time.Advance(TimeSpan.FromMinutes(5));
        await database.CreateJob().RunAsync(CancellationToken.None);
        Assert.True((await database.CreateAuditLog().LatestVerificationAsync())!.IsValid);
        Assert.Equal(HealthStatus.Degraded, (await CheckHealthAsync(database)).Status);

        database.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HealthStatus.Healthy, (await CheckHealthAsync(database)).Status);
    }

    [Fact]
    public async Task A_trigger_altered_to_do_nothing_is_recreated()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);
        await database.ExecuteSqlAsync("""
            DROP TRIGGER AuditEvents_NoDelete;
            CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents WHEN 0 BEGIN SELECT RAISE(ABORT, 'AuditEvents is append-only'); END;
            """);

        var repaired = await database.CreateTriggerGuard().EnsureAsync(CancellationToken.None);

        Assert.Equal(["AuditEvents_NoDelete"], repaired);
        await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteSqlAsync("DELETE FROM AuditEvents"));
    }

    [Fact]
    public async Task Triggers_in_place_are_left_alone_and_nothing_is_audited()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);

        Assert.Empty(await database.CreateTriggerGuard().EnsureAsync(CancellationToken.None));

        Assert.Equal(2, (await database.ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task Start_up_check_recreates_dropped_triggers_and_records_a_failed_verification()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);
        await database.DropTriggersAsync();
        await using var services = new ServiceCollection()
            .AddSingleton(database.CreateTriggerGuard())
            .AddSingleton(database.CreateJob())
            .BuildServiceProvider();

        await new AuditStartupCheck(services, NullLogger<AuditStartupCheck>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(4, await database.ScalarAsync(CountTriggers));
        var latest = await database.CreateAuditLog().LatestVerificationAsync();
        Assert.NotNull(latest);
        Assert.False(latest.IsValid);
        Assert.Contains("have been recreated", latest.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE AuditVerifications SET HeadHash = '0000000000000000000000000000000000000000000000000000000000000000'")]
    [InlineData("DELETE FROM AuditVerifications")]
    public async Task AuditVerifications_refuse_update_and_delete(string sql)
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var seeded = await database.SeedAsync(2);
        await database.CreateJob().RunAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteSqlAsync(sql));

        Assert.Contains("AuditVerifications is append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(seeded[^1].Hash, (await database.CreateAuditLog().LatestVerificationAsync())!.HeadHash);
    }

    [Fact]
    public async Task A_clean_chain_still_verifies_across_checkpoints_and_readiness_is_healthy()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(3);
        await database.CreateJob().RunAsync(CancellationToken.None);
        await database.SeedAsync(2);
        await database.CreateJob().RunAsync(CancellationToken.None);

        await using var db = database.CreateDbContext();
        var verifications = await db.AuditVerifications.OrderBy(v => v.Id).ToListAsync();
        Assert.Equal([3L, 5L], verifications.Select(v => v.HeadSequence));
        Assert.All(verifications, v => Assert.True(v.IsValid, v.Problem));
        Assert.Equal(5, (await database.Anchor.ReadLatestAsync(CancellationToken.None))!.Sequence);
        Assert.Equal(HealthStatus.Healthy, (await CheckHealthAsync(database)).Status);
    }

    private static Task<HealthCheckResult> CheckHealthAsync(AuditTestDatabase database) =>
        new AuditIntegrityHealthCheck(database, database.Anchor, database.Time).CheckHealthAsync(new HealthCheckContext());
}
