using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Infrastructure.Audit;
using MlOpsPortal.Tests.Support;
using Npgsql;

namespace MlOpsPortal.Tests.Infrastructure.ScaleOut;

/// <summary>
/// The audit trail of one PostgreSQL database written by two portal instances at once (two audit interceptors, as two
/// processes have), some writers inside transactions that stay open after their save. Every append must succeed and
/// the chain must stay one unbroken line: a writer may read the head only after the rows of the one before it are
/// committed, whichever instance or transaction wrote them.
/// </summary>
public sealed class AuditChainAcrossWritersTests : IDisposable
{
    private static readonly AuditActor Alice = new("oid-alice", "Alice Example");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _databaseKey = $"audit-writers-{Guid.NewGuid():N}";
    private readonly string _connectionString;
    private readonly FakeTimeProvider _time = new(AuditTestDatabase.Start);
    private readonly AuditAnchor _anchor = new(Path.Combine(Path.GetTempPath(), $"mlops-audit-writers-{Guid.NewGuid():N}.anchor"));
    private readonly Instance _a;
    private readonly Instance _b;

    public AuditChainAcrossWritersTests()
    {
        _connectionString = PostgreSqlTestCluster.Database(_databaseKey);
        _a = new Instance(_connectionString, new AuditChainInterceptor(_time, AuditTestDatabase.Key, _anchor));
        _b = new Instance(_connectionString, new AuditChainInterceptor(_time, AuditTestDatabase.Key, _anchor));
    }

    public void Dispose()
    {
        _a.Interceptor.Dispose();
        _b.Interceptor.Dispose();
        PostgreSqlTestCluster.Drop(_databaseKey);
        File.Delete(_anchor.FilePath);
    }

    [Fact]
    public async Task Appends_racing_from_two_instances_and_open_transactions_all_succeed_as_one_unbroken_chain()
    {
        const int WritersPerInstance = 8;
        const int RoundsPerWriter = 3;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorded = 0;
        var writers = new[] { _a, _b }
            .SelectMany(instance => Enumerable.Range(0, WritersPerInstance).Select(writer => Task.Run(async () =>
            {
                await start.Task;
                for (var round = 0; round < RoundsPerWriter; round++)
                {
                    await using var db = instance.CreateDbContext();
                    if ((writer + round) % 2 == 0)
                    {
                        db.AddAuditEvent(Alice, "model.created", "Model", $"{writer}-{round}");
                        await db.SaveChangesAsync();
                        Interlocked.Increment(ref recorded);
                        continue;
                    }

                    // A unit of work that records one event, does more work, records another, then commits.
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    db.AddAuditEvent(Alice, "model.created", "Model", $"{writer}-{round}-a");
                    await db.SaveChangesAsync();
                    db.AddAuditEvent(Alice, "model.updated", "Model", $"{writer}-{round}-b");
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                    Interlocked.Add(ref recorded, 2);
                }
            })))
            .ToList();

        start.SetResult();
        await Task.WhenAll(writers).WaitAsync(Deadline);

        var sequences = await ReadSequencesAsync();
        Assert.Equal(Enumerable.Range(1, recorded).Select(i => (long)i), sequences);
        var verification = await new AuditLog(_b, _time, AuditTestDatabase.Key, _anchor).VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsValid, verification.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_writer_on_another_instance_waits_for_an_open_transaction_that_appended_then_links_onto_what_it_left(bool commits)
    {
        await using var first = _a.CreateDbContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.AddAuditEvent(Alice, "model.created", "Model", "m-1");
        await first.SaveChangesAsync();

        await using var second = _b.CreateDbContext();
        var secondEvent = second.AddAuditEvent(Alice, "model.created", "Model", "m-2");
        var secondSave = second.SaveChangesAsync();
        await WaitForAWaitingAppenderAsync();
        Assert.False(secondSave.IsCompleted, "the second writer read the head while the first one's rows were uncommitted");

        await (commits ? transaction.CommitAsync() : transaction.RollbackAsync());
        await secondSave.WaitAsync(Deadline);

        long[] expected = commits ? [1, 2] : [1];
        Assert.Equal(expected[^1], secondEvent.Sequence);
        Assert.Equal(expected, await ReadSequencesAsync());
    }

    [Fact]
    public async Task A_failed_save_outside_a_transaction_gives_the_database_lock_back_while_its_context_lives_on()
    {
        await using (var seed = _a.CreateDbContext())
        {
            seed.AuditVerifications.Add(VerificationWithId(seed, 1));
            await seed.SaveChangesAsync();
        }

        await using var failing = _a.CreateDbContext();
        failing.AddAuditEvent(Alice, "model.created", "Model", "m-1");
        failing.AuditVerifications.Add(VerificationWithId(failing, 1));
        await Assert.ThrowsAsync<DbUpdateException>(() => failing.SaveChangesAsync());

        await using var other = _b.CreateDbContext();
        var appended = other.AddAuditEvent(Alice, "model.created", "Model", "m-2");
        await other.SaveChangesAsync().WaitAsync(Deadline);
        Assert.Equal(1, appended.Sequence);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    [Fact]
    public async Task After_a_concurrency_conflict_the_database_lock_is_given_back_with_the_context()
    {
        await using (var conflicting = _a.CreateDbContext())
        {
            // Updating a row that does not exist is how EF sees a row changed or deleted by someone else.
            conflicting.AuditVerifications.Update(VerificationWithId(conflicting, 999));
            conflicting.AddAuditEvent(Alice, "model.updated", "Model", "m-1");
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => conflicting.SaveChangesAsync());
        }

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        await using var other = _b.CreateDbContext();
        var appended = other.AddAuditEvent(Alice, "model.created", "Model", "m-2");
        await other.SaveChangesAsync().WaitAsync(Deadline);
        Assert.Equal(1, appended.Sequence);
    }

    private static AuditVerification VerificationWithId(DbContext db, long id)
    {
        var verification = new AuditVerification();
        db.Entry(verification).Property(v => v.Id).CurrentValue = id;
        return verification;
    }

    // Polls the server's own lock table: the second writer is blocked on the audit lock, not merely slow.
    private async Task WaitForAWaitingAppenderAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (await CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> ReadSequencesAsync()
    {
        await using var db = _b.CreateDbContext();
        return await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
    }

    /// <summary>One portal instance's view of the database: its own audit interceptor, as its own process would have.</summary>
    private sealed class Instance(string connectionString, AuditChainInterceptor interceptor) : IDbContextFactory<PortalDbContext>
    {
        public AuditChainInterceptor Interceptor { get; } = interceptor;

        public PortalDbContext CreateDbContext() =>
            new PostgreSqlPortalDbContext(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>()
                .UseNpgsql(connectionString, PortalData.ConfigurePostgreSql)
                .AddInterceptors(CaseInsensitiveLike.Instance, Interceptor)
                .Options);
    }
}
