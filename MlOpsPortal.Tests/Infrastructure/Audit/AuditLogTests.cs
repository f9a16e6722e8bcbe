using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditLogTests
{
    [Fact]
    public async Task RecordAsync_stores_a_standalone_event_with_the_clock_time()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var actor = new AuditActor("oid-dana", "Dana Reviewer");

        var recorded = await database.CreateAuditLog().RecordAsync(
            actor, AuditActions.SignIn, "Session", null, new { Method = "oidc", Ip = "10.0.0.1" }, CancellationToken.None);

        var stored = Assert.Single(await database.ReadEventsAsync());
        Assert.Equal(1, recorded.Sequence);
        Assert.Equal(recorded.Hash, stored.Hash);
        Assert.Equal(("oid-dana", "Dana Reviewer", "auth.sign-in", "Session"), (stored.ActorId, stored.ActorName, stored.Action, stored.EntityType));
        Assert.Null(stored.EntityId);
        Assert.Equal("""{"method":"oidc","ip":"10.0.0.1"}""", stored.Details);
        Assert.Equal(AuditTestDatabase.Start.UtcDateTime, AuditHasher.NormalizeUtc(stored.OccurredAtUtc));
    }

    [Fact]
    public async Task ListAsync_pages_newest_first_with_the_total_count()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(25);
        var log = database.CreateAuditLog();

        var first = await log.ListAsync(new AuditQuery { PageIndex = 0, PageSize = 10 }, CancellationToken.None);
        var last = await log.ListAsync(new AuditQuery { PageIndex = 2, PageSize = 10 }, CancellationToken.None);
        var beyond = await log.ListAsync(new AuditQuery { PageIndex = 3, PageSize = 10 }, CancellationToken.None);

        Assert.Equal(25, first.TotalCount);
        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => (long)i), first.Items.Select(e => e.Sequence));
        Assert.Equal([5L, 4L, 3L, 2L, 1L], last.Items.Select(e => e.Sequence));
        Assert.Empty(beyond.Items);
        Assert.Equal(25, beyond.TotalCount);
    }

    [Fact]
    public async Task ListAsync_filters_by_text_action_prefix_and_time()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var log = database.CreateAuditLog();
        var alice = new AuditActor("oid-alice", "Alice Example");
        var bob = new AuditActor("oid-bob", "Bob Builder");
        await Record(alice, AuditActions.SignIn, "Session", null);                  // 09:30:00
        await Record(alice, "model.created", "Model", "churn_v1");                  // 09:31:00
        await Record(bob, "model.created", "Model", "fraud-v1");                    // 09:32:00
        await Record(bob, AuditActions.AccessDenied, "Page", "/admin[x]");          // 09:33:00
        await Record(bob, "dataset.imported", "Dataset", "churn%export");           // 09:34:00

        async Task<IEnumerable<long>> Sequences(AuditQuery query) =>
            (await log.ListAsync(query, CancellationToken.None)).Items.Select(e => e.Sequence);

        Assert.Equal([2L, 1L], await Sequences(new AuditQuery { Search = "ALICE" }));
        Assert.Equal([3L, 2L], await Sequences(new AuditQuery { Search = "model.cr" }));
        Assert.Equal([5L, 2L], await Sequences(new AuditQuery { Search = "churn" }));
        Assert.Equal([5L], await Sequences(new AuditQuery { Search = "n%e" }));
        Assert.Equal([2L], await Sequences(new AuditQuery { Search = "_v1" }));
        Assert.Equal([4L], await Sequences(new AuditQuery { Search = "n[x" }));
        Assert.Equal([4L, 1L], await Sequences(new AuditQuery { ActionPrefix = "auth." }));
        Assert.Equal([4L], await Sequences(new AuditQuery { Search = "bob", ActionPrefix = "auth." }));

        var start = AuditTestDatabase.Start.UtcDateTime;
        Assert.Equal([4L, 3L, 2L], await Sequences(new AuditQuery { FromUtc = start.AddMinutes(1), ToUtc = start.AddMinutes(4) }));
        Assert.Equal([3L], await Sequences(new AuditQuery { Search = "bob", FromUtc = start.AddMinutes(2), ToUtc = start.AddMinutes(3) }));

        var page = await log.ListAsync(new AuditQuery { ActionPrefix = "model.", PageSize = 1 }, CancellationToken.None);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(3, Assert.Single(page.Items).Sequence);

        async Task Record(AuditActor actor, string action, string entityType, string? entityId)
        {
            await log.RecordAsync(actor, action, entityType, entityId, null, CancellationToken.None);
            database.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, AuditQuery.MaxPageSize + 1)]
    public async Task ListAsync_rejects_pages_out_of_range(int pageIndex, int pageSize)
    {
        await using var database = await AuditTestDatabase.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            database.CreateAuditLog().ListAsync(new AuditQuery { PageIndex = pageIndex, PageSize = pageSize }, CancellationToken.None));
    }

    [Fact]
    public async Task Empty_chain_is_valid_with_the_genesis_head()
    {
        await using var database = await AuditTestDatabase.CreateAsync();

        var result = await database.CreateAuditLog().VerifyAsync(CancellationToken.None);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.EventCount);
        Assert.Equal(0, result.HeadSequence);
        Assert.Equal(AuditHasher.GenesisHash, result.HeadHash);
    }

    [Fact]
    public async Task Verification_streams_a_long_chain()
    {
        const int count = 100_000;
        await using var database = await AuditTestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var actor = new AuditActor("oid-bulk", "Bulk Import");
            for (var i = 0; i < count; i++)
            {
                db.AddAuditEvent(actor, "dataset.row-imported", "DatasetRow", i.ToString(System.Globalization.CultureInfo.InvariantCulture), new { Row = i });
            }

            await db.SaveChangesAsync();
        }

        var result = await database.CreateAuditLog().VerifyAsync(CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(count, result.EventCount);
        Assert.Equal(count, result.HeadSequence);
        Assert.True(count > AuditLog.VerificationBatchSize * 2);
    }
}
