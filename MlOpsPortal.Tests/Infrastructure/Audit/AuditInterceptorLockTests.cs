using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

/// <summary>
/// Every way a save can end must give the append lock back, or all later audit writes (and the features
/// that make them) hang. Each test ends with an append that has to finish within a few seconds.
/// </summary>
public sealed class AuditInterceptorLockTests
{
    private static readonly AuditActor Alice = new("oid-alice", "Alice Example");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Lock_is_released_after_a_database_error()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await SeedVerificationAsync(database);
        await using var failing = database.CreateDbContext();
        failing.AuditVerifications.Add(CreateWithId(failing, 1));
        failing.AddAuditEvent(Alice, "model.created", "Model", "m-1");

        await Assert.ThrowsAsync<DbUpdateException>(() => failing.SaveChangesAsync());

        await AssertAppendCompletesAsync(database, expectedSequence: 1);
    }

    [Fact]
    public async Task Lock_is_released_after_a_database_error_in_synchronous_SaveChanges()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await SeedVerificationAsync(database);
        using var failing = database.CreateDbContext();
        failing.AuditVerifications.Add(CreateWithId(failing, 1));
        failing.AddAuditEvent(Alice, "model.created", "Model", "m-1");

        Assert.Throws<DbUpdateException>(() => failing.SaveChanges());

        await AssertAppendCompletesAsync(database, expectedSequence: 1);
    }

    [Fact]
    public async Task Lock_is_released_after_a_concurrency_conflict_even_while_the_context_lives_on()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await using var failing = database.CreateDbContext();

        // Updating a row that does not exist is how EF sees a row changed or deleted by someone else.
        failing.AuditVerifications.Update(CreateWithId(failing, 999));
        failing.AddAuditEvent(Alice, "model.updated", "Model", "m-1");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => failing.SaveChangesAsync());

        await AssertAppendCompletesAsync(database, expectedSequence: 1);
        GC.KeepAlive(failing);
    }

    [Fact]
    public async Task Lock_is_released_after_a_concurrency_conflict_in_synchronous_SaveChanges()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        using var failing = database.CreateDbContext();
        failing.AuditVerifications.Update(CreateWithId(failing, 999));
        failing.AddAuditEvent(Alice, "model.updated", "Model", "m-1");

        Assert.Throws<DbUpdateConcurrencyException>(() => failing.SaveChanges());

        await AssertAppendCompletesAsync(database, expectedSequence: 1);
        GC.KeepAlive(failing);
    }

    [Fact]
    public async Task Lock_is_released_when_the_save_is_canceled()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        using var cancellation = new CancellationTokenSource();
        await using var canceled = database.CreateDbContext(database.Interceptor, new CancelInSavingInterceptor(cancellation));
        canceled.AddAuditEvent(Alice, "model.created", "Model", "m-1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.SaveChangesAsync(cancellation.Token));

        await AssertAppendCompletesAsync(database, expectedSequence: 1);
    }

    [Fact]
    public async Task Lock_held_by_a_save_that_another_interceptor_aborted_is_reclaimed_once_its_context_is_disposed()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var thrower = new ThrowInSavingInterceptor();
        await using (var aborted = database.CreateDbContext(database.Interceptor, thrower))
        {
            aborted.AddAuditEvent(Alice, "model.created", "Model", "m-aborted");

            // EF calls no end-of-save hook here, so the lock stays with this context ...
            await Assert.ThrowsAsync<InvalidOperationException>(() => aborted.SaveChangesAsync());

            // ... which may retry without waiting for itself.
            thrower.Enabled = false;
            await aborted.SaveChangesAsync().WaitAsync(Deadline);
            thrower.Enabled = true;
            aborted.AddAuditEvent(Alice, "model.created", "Model", "m-aborted-again");
            await Assert.ThrowsAsync<InvalidOperationException>(() => aborted.SaveChangesAsync());
        }

        await AssertAppendCompletesAsync(database, expectedSequence: 2);
    }

    [Fact]
    public async Task Lock_held_by_an_aborted_save_is_reclaimed_once_its_pooled_context_is_back_in_the_pool()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var thrower = new ThrowInSavingInterceptor();
        // As the portal gets its contexts: from a pool, which keeps a returned context for the next lease.
        var pool = new PooledDbContextFactory<SqlitePortalDbContext>(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(database.ConnectionString)
            .AddInterceptors(database.Interceptor, thrower)
            .Options);
        await using (var aborted = await pool.CreateDbContextAsync())
        {
            aborted.AddAuditEvent(Alice, "model.created", "Model", "m-aborted");
            await Assert.ThrowsAsync<InvalidOperationException>(() => aborted.SaveChangesAsync());
        }

        // The lock still names the returned context, which is neither disposed for good nor leased again.
        await AssertAppendCompletesAsync(database, expectedSequence: 1);

        // Leased again, the same instance is a new holder: its appends do not count as the old lease's.
        thrower.Enabled = false;
        await using var again = await pool.CreateDbContextAsync();
        again.AddAuditEvent(Alice, "model.created", "Model", "m-again");
        await again.SaveChangesAsync().WaitAsync(Deadline);
        await AssertAppendCompletesAsync(database, expectedSequence: 3);
    }

    [Fact]
    public async Task Save_without_audit_events_does_not_take_the_lock()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var pause = new PauseInSavingInterceptor();
        await using var unrelated = database.CreateDbContext(database.Interceptor, pause);
        unrelated.AuditVerifications.Add(new AuditVerification());
        var unrelatedSave = unrelated.SaveChangesAsync();
        await pause.Reached.Task.WaitAsync(Deadline);

        await AssertAppendCompletesAsync(database, expectedSequence: 1);

        pause.Continue.SetResult();
        await unrelatedSave;
    }

    private static async Task SeedVerificationAsync(AuditTestDatabase database)
    {
        await using var seed = database.CreateDbContext();
        seed.AuditVerifications.Add(new AuditVerification());
        await seed.SaveChangesAsync();
    }

    private static AuditVerification CreateWithId(DbContext db, long id)
    {
        var verification = new AuditVerification();
        db.Entry(verification).Property(v => v.Id).CurrentValue = id;
        return verification;
    }

    private static async Task AssertAppendCompletesAsync(AuditTestDatabase database, long expectedSequence)
    {
        var recorded = await database.CreateAuditLog()
            .RecordAsync(Alice, "model.created", "Model", "after", null, CancellationToken.None)
            .WaitAsync(Deadline);
        Assert.Equal(expectedSequence, recorded.Sequence);
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    private sealed class ThrowInSavingInterceptor : SaveChangesInterceptor
    {
        public bool Enabled { get; set; } = true;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            Enabled ? throw new InvalidOperationException("Rejected by another interceptor.") : ValueTask.FromResult(result);
    }

    private sealed class CancelInSavingInterceptor(CancellationTokenSource cancellation) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            await cancellation.CancelAsync();
            return result;
        }
    }

    private sealed class PauseInSavingInterceptor : SaveChangesInterceptor
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
