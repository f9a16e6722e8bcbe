using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class VerifyAuditChainJobTests
{
    [Fact]
    public async Task Job_records_a_verification_with_the_head_hash()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var seeded = await database.SeedAsync(4);

        await database.CreateJob().RunAsync(CancellationToken.None);

        var latest = await database.CreateAuditLog().LatestVerificationAsync();
        Assert.NotNull(latest);
        Assert.True(latest.IsValid);
        Assert.Equal(4, latest.EventCount);
        Assert.Equal(4, latest.HeadSequence);
        Assert.Equal(seeded[^1].Hash, latest.HeadHash);
        Assert.Null(latest.FirstBrokenSequence);
        Assert.Null(latest.Problem);
        Assert.Equal(database.Time.GetUtcNow().UtcDateTime, AuditHasher.NormalizeUtc(latest.VerifiedAtUtc));
    }

    [Fact]
    public async Task Running_twice_records_two_verifications_and_adds_no_audit_events()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);
        var job = database.CreateJob();

        await job.RunAsync(CancellationToken.None);
        database.Time.Advance(TimeSpan.FromHours(1));
        await database.SeedAsync(1);
        await job.RunAsync(CancellationToken.None);

        await using var db = database.CreateDbContext();
        var verifications = await db.AuditVerifications.OrderBy(v => v.Id).ToListAsync();
        Assert.Equal([2L, 3L], verifications.Select(v => v.HeadSequence));
        Assert.All(verifications, v => Assert.True(v.IsValid));
        Assert.Equal(3, await db.AuditEvents.CountAsync());
        Assert.Equal(verifications[1].Id, (await database.CreateAuditLog().LatestVerificationAsync())!.Id);
    }

    [Fact]
    public async Task Broken_chain_is_recorded_as_invalid_and_logged_as_an_error()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(3);
        await database.DropTriggersAsync();
        await database.ExecuteSqlAsync("UPDATE AuditEvents SET Action = 'model.viewed' WHERE Sequence = 2");
        await database.RestoreTriggersAsync();
        var logger = new RecordingLogger();

        await database.CreateJob(logger).RunAsync(CancellationToken.None);

        var latest = await database.CreateAuditLog().LatestVerificationAsync();
        Assert.NotNull(latest);
        Assert.False(latest.IsValid);
        Assert.Equal(2, latest.FirstBrokenSequence);
        Assert.Equal("Event 2: content does not match its hash (changed after it was written)", latest.Problem);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Event 2: content does not match its hash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_verification_is_null_before_the_first_run()
    {
        await using var database = await AuditTestDatabase.CreateAsync();

        Assert.Null(await database.CreateAuditLog().LatestVerificationAsync());
    }

    private sealed class RecordingLogger : ILogger<VerifyAuditChainJob>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
