using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditChainTests
{
    private static readonly AuditActor Alice = new("oid-alice", "Alice Example");

    [Fact]
    public async Task Chain_of_events_links_each_hash_to_the_previous_one_and_verifies()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(10);

        var stored = await database.ReadEventsAsync();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.Equal(AuditHasher.GenesisHash, stored[0].PreviousHash);
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Matches("^[0-9a-f]{64}$", stored[i].Hash);
            Assert.Equal(AuditTestDatabase.Key.ComputeHash(stored[i]), stored[i].Hash);
            if (i > 0)
            {
                Assert.Equal(stored[i - 1].Hash, stored[i].PreviousHash);
            }
        }

        var result = await database.CreateAuditLog().VerifyAsync(CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(10, result.EventCount);
        Assert.Equal(10, result.HeadSequence);
        Assert.Equal(stored[^1].Hash, result.HeadHash);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task Stored_time_keeps_all_seven_fractional_digits()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(1);

        var stored = Assert.Single(await database.ReadEventsAsync());

        Assert.Equal(AuditTestDatabase.Start.UtcDateTime, AuditHasher.NormalizeUtc(stored.OccurredAtUtc));
        Assert.Equal(1_234_567, stored.OccurredAtUtc.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public async Task Events_added_to_one_SaveChanges_are_chained_in_the_order_they_were_created()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var explicitTime = new DateTime(2024, 12, 31, 23, 59, 59, DateTimeKind.Utc);

        await using (var db = database.CreateDbContext())
        {
            var first = AuditEvent.Create(Alice, "model.created", "Model", "m-1");
            var second = AuditEvent.Create(Alice, "model.version-added", "ModelVersion", "m-1/1");
            var third = AuditEvent.Create(Alice, "model.stage-changed", "ModelVersion", "m-1/1");
            third.OccurredAtUtc = explicitTime;

            // Added in a different order than created: creation order is what a feature means.
            db.AuditEvents.Add(third);
            db.AuditEvents.Add(first);
            db.AuditEvents.Add(second);
            await db.SaveChangesAsync();
        }

        var stored = await database.ReadEventsAsync();
        Assert.Equal(["model.created", "model.version-added", "model.stage-changed"], stored.Select(e => e.Action));
        Assert.Equal(AuditTestDatabase.Start.UtcDateTime, AuditHasher.NormalizeUtc(stored[0].OccurredAtUtc));
        Assert.Equal(explicitTime, AuditHasher.NormalizeUtc(stored[2].OccurredAtUtc));
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Event_is_committed_together_with_the_change_it_records()
    {
        await using var database = await AuditTestDatabase.CreateAsync();

        await using (var db = database.CreateDbContext())
        {
            // AuditVerifications stands in for a feature table: it is the only other table this part owns.
            var change = new AuditVerification { VerifiedAtUtc = database.Time.GetUtcNow().UtcDateTime, IsValid = true };
            db.AuditVerifications.Add(change);
            db.AddAuditEvent(Alice, "model.created", "Model", "m-1", new { Name = "churn" });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.AuditVerifications.CountAsync());
        var stored = Assert.Single(await check.AuditEvents.ToListAsync());
        Assert.Equal("""{"name":"churn"}""", stored.Details);
    }

    [Fact]
    public async Task Failing_SaveChanges_writes_neither_the_change_nor_its_event()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);
        long existingId;
        await using (var db = database.CreateDbContext())
        {
            var existing = new AuditVerification { VerifiedAtUtc = database.Time.GetUtcNow().UtcDateTime };
            db.AuditVerifications.Add(existing);
            await db.SaveChangesAsync();
            existingId = existing.Id;
        }

        await using (var db = database.CreateDbContext())
        {
            var duplicate = new AuditVerification { VerifiedAtUtc = database.Time.GetUtcNow().UtcDateTime };
            db.AuditVerifications.Add(duplicate);
            db.Entry(duplicate).Property(v => v.Id).CurrentValue = existingId;
            db.AddAuditEvent(Alice, "model.created", "Model", "m-lost");

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        var stored = await database.ReadEventsAsync();
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored, e => e.EntityId == "m-lost");

        // The failed attempt must not have used up a sequence number.
        var next = await database.CreateAuditLog().RecordAsync(Alice, "model.created", "Model", "m-3", null, CancellationToken.None);
        Assert.Equal(3, next.Sequence);
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Synchronous_SaveChanges_chains_events_as_well()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(1);

        using (var db = database.CreateDbContext())
        {
            db.AddAuditEvent(Alice, "model.created", "Model", "sync-1");
            db.SaveChanges();
            db.AddAuditEvent(Alice, "model.created", "Model", "sync-2");
            db.SaveChanges();
        }

        await database.SeedAsync(1);

        var stored = await database.ReadEventsAsync();
        Assert.Equal([1L, 2L, 3L, 4L], stored.Select(e => e.Sequence));
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Concurrent_RecordAsync_calls_produce_a_gap_free_valid_chain()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var log = database.CreateAuditLog();

        var recorded = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            log.RecordAsync(new AuditActor($"user-{i}", $"User {i}"), AuditActions.SignIn, "Session", $"s-{i}", null, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), recorded.Select(e => e.Sequence).Order());
        var stored = await database.ReadEventsAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(e => e.Sequence));
        var result = await log.VerifyAsync(CancellationToken.None);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(20, result.EventCount);
    }

    [Fact]
    public async Task Writer_in_another_process_that_races_for_the_same_sequence_fails_instead_of_forking()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(3);

        // Each process has its own interceptor and therefore its own lock.
        using var processA = new AuditChainInterceptor(database.Time, AuditTestDatabase.Key, database.Anchor);
        using var processB = new AuditChainInterceptor(database.Time, AuditTestDatabase.Key, database.Anchor);
        var pause = new PauseAfterSavingInterceptor();

        await using var slowWriter = database.CreateDbContext(processA, pause);
        slowWriter.AddAuditEvent(Alice, "model.created", "Model", "from-a");
        var slowSave = slowWriter.SaveChangesAsync();
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A has read head 3 and claimed sequence 4 but not inserted yet; B now does the same and commits first.
        await using (var fastWriter = database.CreateDbContext(processB))
        {
            fastWriter.AddAuditEvent(Alice, "model.created", "Model", "from-b");
            await fastWriter.SaveChangesAsync();
        }

        pause.Continue.SetResult();
        await Assert.ThrowsAsync<DbUpdateException>(() => slowSave);

        var stored = await database.ReadEventsAsync();
        Assert.Equal(4, stored.Count);
        Assert.Equal("from-b", stored[^1].EntityId);
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    /// <summary>Holds a save after the audit interceptor has assigned sequences, until the test lets it go on.</summary>
    private sealed class PauseAfterSavingInterceptor : SaveChangesInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Continue { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await Continue.Task;
            return result;
        }
    }
}
