using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditAppendOnlyTests
{
    private static readonly AuditActor Alice = new("oid-alice", "Alice Example");

    [Fact]
    public async Task Trigger_refuses_an_UPDATE_in_plain_SQL()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            database.ExecuteSqlAsync("UPDATE AuditEvents SET ActorName = 'Mallory' WHERE Sequence = 1"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("Alice Example", (await database.ReadEventsAsync())[0].ActorName);
    }

    [Fact]
    public async Task Trigger_refuses_a_DELETE_in_plain_SQL()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteSqlAsync("DELETE FROM AuditEvents"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await database.ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task Changing_a_stored_event_through_EF_throws()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.AuditEvents.SingleAsync(e => e.Sequence == 1);
            db.Entry(stored).Property(e => e.ActorName).CurrentValue = "Mallory";

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("Alice Example", (await database.ReadEventsAsync())[0].ActorName);
    }

    [Fact]
    public async Task Changing_a_property_of_a_tracked_event_is_noticed_without_marking_it_modified()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);
        var original = (await database.ReadEventsAsync())[1].OccurredAtUtc;

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.AuditEvents.SingleAsync(e => e.Sequence == 2);
            stored.OccurredAtUtc = stored.OccurredAtUtc.AddDays(-1);
            db.AddAuditEvent(Alice, "model.created", "Model", "m-3");

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        var events = await database.ReadEventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(original, events[1].OccurredAtUtc);
    }

    [Fact]
    public async Task Changing_a_stored_event_through_EF_throws_in_synchronous_SaveChanges_too()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(1);

        using var db = database.CreateDbContext();
        var stored = db.AuditEvents.Single();
        db.Update(stored);

        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }

    [Fact]
    public async Task Deleting_a_stored_event_through_EF_throws_and_blocks_the_whole_save()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(2);

        await using (var db = database.CreateDbContext())
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.Sequence == 2));
            db.AddAuditEvent(Alice, "model.deleted", "Model", "m-1");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await database.ReadEventsAsync()).Count);
    }

    [Fact]
    public async Task Incomplete_or_oversized_events_are_rejected_before_anything_is_written()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        AuditEvent[] invalid =
        [
            new() { ActorId = "a", ActorName = "A", Action = "", EntityType = "Model" },
            new() { ActorId = "a", ActorName = "A", Action = "model.created", EntityType = new string('x', AuditEvent.MaxEntityTypeLength + 1) },
            new() { ActorId = "a", ActorName = "A", Action = "model.created", EntityType = "Model", Details = "{not json" },
        ];

        foreach (var auditEvent in invalid)
        {
            await using var db = database.CreateDbContext();
            db.AuditEvents.Add(auditEvent);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Empty(await database.ReadEventsAsync());
        await database.SeedAsync(1);
        Assert.Equal(1, Assert.Single(await database.ReadEventsAsync()).Sequence);
    }
}
