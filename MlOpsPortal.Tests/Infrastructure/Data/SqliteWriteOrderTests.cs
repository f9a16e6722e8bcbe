using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Infrastructure.Audit;

namespace MlOpsPortal.Tests.Infrastructure.Data;

/// <summary>
/// The start-up hang of issue 10: an audited save held the chain's lock and waited for SQLite's write lock, while a
/// transaction (a quality run) held the write lock and waited for the chain's lock. Both must now go through.
/// </summary>
public sealed class SqliteWriteOrderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private static readonly AuditActor Actor = new("id-alice", "Alice Example");

    [Fact]
    public async Task An_audited_save_and_a_transaction_that_records_its_audit_event_both_commit()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        // A generous bound: this test is about the two locks never deadlocking, not about how long a wait may be.
        var writeOrder = new SqliteWriteOrderInterceptor(database.Interceptor, TimeSpan.FromSeconds(30));
        var gate = new GateBeforeChain();

        // A quality run: its transaction is open before it records the audit event.
        await using var run = Context(database, writeOrder);
        await using var transaction = await run.Database.BeginTransactionAsync();

        // An API write (a sample upload) that is not in a transaction of its own.
        await using var upload = Context(database, writeOrder, gate);
        upload.AddAuditEvent(Actor, "quality-sample.uploaded", "DataSample", "upload");
        var uploaded = upload.SaveChangesAsync();
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Runs the upload on inline until it takes, or waits for, the chain's lock.
        gate.Continue.SetResult();

        run.AddAuditEvent(Actor, "quality-run.requested", "CheckRun", "run");
        await run.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await transaction.CommitAsync();

        await uploaded.WaitAsync(TimeSpan.FromSeconds(10));
        var stored = await database.ReadEventsAsync();
        Assert.Equal(["run", "upload"], stored.Select(e => e.EntityId));
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task A_transaction_anchors_the_head_it_appended_when_it_commits_and_not_when_it_rolls_back()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var writeOrder = new SqliteWriteOrderInterceptor(database.Interceptor, Bound);

        await using (var committed = Context(database, writeOrder))
        {
            await using var transaction = await committed.Database.BeginTransactionAsync();
            committed.AddAuditEvent(Actor, "deployment.requested", "DeploymentRequest", "1");
            await committed.SaveChangesAsync();
            Assert.Null(await database.Anchor.ReadLatestAsync(CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(1, (await database.Anchor.ReadLatestAsync(CancellationToken.None))?.Sequence);

        await using (var rolledBack = Context(database, writeOrder))
        {
            await using var transaction = await rolledBack.Database.BeginTransactionAsync();
            rolledBack.AddAuditEvent(Actor, "deployment.requested", "DeploymentRequest", "2");
            await rolledBack.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(1, (await database.Anchor.ReadLatestAsync(CancellationToken.None))?.Sequence);
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_or_rollback_frees_the_chain_and_anchors_nothing()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var writeOrder = new SqliteWriteOrderInterceptor(database.Interceptor, Bound);

        // An early return inside "await using var transaction": the transaction is disposed, never committed.
        await using var abandoned = Context(database, writeOrder);
        await using (var transaction = await abandoned.Database.BeginTransactionAsync())
        {
            abandoned.AddAuditEvent(Actor, "deployment-request.approved", "DeploymentRequest", "1");
            await abandoned.SaveChangesAsync();
        }

        // The context is still alive (a job's loop goes on with it); another writer must not wait for it.
        await using var next = Context(database, writeOrder);
        next.AddAuditEvent(Actor, "model.created", "Model", "m");
        await next.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await using var unrelated = Context(database, writeOrder);
        await using (var transaction = await unrelated.Database.BeginTransactionAsync())
        {
            await transaction.CommitAsync();
        }

        Assert.Equal(["m"], (await database.ReadEventsAsync()).Select(e => e.EntityId));
        Assert.Equal(1, (await database.Anchor.ReadLatestAsync(CancellationToken.None))?.Sequence);
        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task An_audited_save_waits_for_the_chain_no_longer_than_the_bound_and_is_refused_as_busy()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var writeOrder = new SqliteWriteOrderInterceptor(database.Interceptor, Bound);
        await using var holder = Context(database, writeOrder);
        await using var transaction = await holder.Database.BeginTransactionAsync();

        await using var waiting = Context(database, writeOrder);
        waiting.AddAuditEvent(Actor, "model.created", "Model", "m");
        var refused = await Assert.ThrowsAsync<DatabaseBusyException>(() => waiting.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("held the database", refused.Message, StringComparison.Ordinal);

        await transaction.RollbackAsync();
        await waiting.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m"], (await database.ReadEventsAsync()).Select(e => e.EntityId));
    }

    /// <summary>Contexts as the portal makes them for SQLite, with the one bound on every busy wait.</summary>
    private static SqlitePortalDbContext Context(AuditTestDatabase database, SqliteWriteOrderInterceptor writeOrder, params IInterceptor[] before) =>
        new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(PortalData.WithBusyTimeout(database.ConnectionString, Bound))
            .AddInterceptors([new SqlitePragmaInterceptor(Bound), .. before, writeOrder, database.Interceptor])
            .Options);

    /// <summary>Holds a save just before it waits for the audit chain's lock, until the test lets it go on.</summary>
    private sealed class GateBeforeChain : SaveChangesInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Synchronous continuations: SetResult returns once the save has gone as far as it can without waiting.
        public TaskCompletionSource Continue { get; } = new();

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await Continue.Task.ConfigureAwait(false);
            return result;
        }
    }
}
