using System.Security.Cryptography;
using System.Text;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;
using static MlOpsPortal.Tests.Infrastructure.Audit.AuditTamperDetectionTests;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

/// <summary>
/// The tamperings of issue 10 item 7, each done as someone with write access to the SQLite file but neither the
/// chain key nor the anchor file would do them: raw SQL, triggers dropped, hashes recomputed with the published
/// recipe as plain SHA-256, AuditVerifications edited. Every one must fail verification with its own reason.
/// </summary>
public sealed class AuditTamperingScenarioTests
{
    [Fact]
    public async Task Change_of_a_field_is_detected()
    {
        await using var database = await AttackedAsync(5);

        await database.ExecuteSqlAsync("""UPDATE AuditEvents SET Details = '{"index":99}' WHERE Sequence = 3""");

        await AssertBrokenAsync(database, 3, "Event 3: content does not match its hash (changed after it was written)");
    }

    [Fact]
    public async Task Change_of_the_actor_is_detected()
    {
        await using var database = await AttackedAsync(5);

        await database.ExecuteSqlAsync("UPDATE AuditEvents SET ActorId = 'id-Bob', ActorName = 'Bob Example' WHERE Sequence = 2");

        await AssertBrokenAsync(database, 2, "Event 2: content does not match its hash (changed after it was written)");
    }

    [Fact]
    public async Task Delete_is_detected()
    {
        await using var database = await AttackedAsync(5);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents WHERE Sequence = 3");

        await AssertBrokenAsync(database, 3, "Sequence gap after 2: event 3 is missing (deleted)");
    }

    [Fact]
    public async Task Delete_and_renumber_is_detected()
    {
        await using var database = await AttackedAsync(5);

        await DeleteAndRenumberAsync(database, 3);

        await AssertBrokenAsync(database, 3, "Event 3: previous hash does not match event 2 (reordered or inserted)");
    }

    [Fact]
    public async Task Swap_is_detected()
    {
        await using var database = await AttackedAsync(5);

        await database.ExecuteSqlAsync("""
            UPDATE AuditEvents SET Sequence = -1 WHERE Sequence = 2;
            UPDATE AuditEvents SET Sequence = 2 WHERE Sequence = 3;
            UPDATE AuditEvents SET Sequence = 3 WHERE Sequence = -1;
            """);

        await AssertBrokenAsync(database, 2, "Event 2: previous hash does not match event 1 (reordered or inserted)");
    }

    [Fact]
    public async Task Truncate_below_the_checkpoint_is_detected_by_the_anchor_even_with_the_verifications_deleted()
    {
        await using var database = await AttackedAsync(5, verify: true);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents WHERE Sequence >= 4; DELETE FROM AuditVerifications;");

        await AssertBrokenAsync(database, 4,
            "Chain ends at event 3, but event 5 was verified at 2025-03-01 09:30:05 UTC, as the anchor file outside the database records " +
            "(events deleted from the end)");
    }

    [Fact]
    public async Task Truncate_above_the_checkpoint_is_detected_by_the_anchor()
    {
        await using var database = await AttackedAsync(5, verify: true);
        await database.SeedAsync(3);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents WHERE Sequence >= 7");

        await AssertBrokenAsync(database, 7,
            "Chain ends at event 6, but event 8 was written at 2025-03-01 09:30:07 UTC, as the anchor file outside the database records " +
            "(events deleted from the end)");
    }

    [Fact]
    public async Task Recompute_after_the_checkpoint_is_detected()
    {
        await using var database = await AttackedAsync(5, verify: true);
        await database.SeedAsync(3);

        await ChangeAndRecomputeAsync(database, changed: 7, from: 7);

        await AssertBrokenAsync(database, 7, "Event 7: content does not match its hash (changed after it was written)");
    }

    [Fact]
    public async Task Delete_renumber_and_recompute_is_detected()
    {
        await using var database = await AttackedAsync(5, verify: true);

        await DeleteAndRenumberAsync(database, 3);
        await ChangeAndRecomputeAsync(database, changed: null, from: 3);

        await AssertBrokenAsync(database, 3, "Event 3: content does not match its hash (changed after it was written)");
    }

    [Fact]
    public async Task Recompute_and_edit_the_verifications_is_detected()
    {
        await using var database = await AttackedAsync(5, verify: true);

        var head = await ChangeAndRecomputeAsync(database, changed: 2, from: 1);
        await database.ExecuteSqlAsync($"UPDATE AuditVerifications SET HeadHash = '{head}'");

        await AssertBrokenAsync(database, 1, "Event 1: content does not match its hash (changed after it was written)");
    }

    [Fact]
    public async Task Recompute_and_edit_the_verifications_is_detected_by_the_anchor_even_with_a_leaked_key()
    {
        await using var database = await AttackedAsync(5, verify: true);

        var head = await ChangeAndRecomputeAsync(database, changed: 2, from: 1, AuditTestDatabase.Key.ComputeHash);
        await database.ExecuteSqlAsync($"UPDATE AuditVerifications SET HeadHash = '{head}'");

        await AssertBrokenAsync(database, 5,
            "Event 5: hash differs from the one that was verified at 2025-03-01 09:30:05 UTC, as the anchor file outside the database records " +
            "(history rewritten after it was anchored)");
    }

    [Fact]
    public async Task Append_of_a_forged_event_is_detected()
    {
        await using var database = await AttackedAsync(5, verify: true);
        var events = await database.ReadEventsAsync();
        var forged = CopyWithActorName(events[^1], "Mallory");
        forged.Sequence = 6;
        forged.PreviousHash = events[^1].Hash;
        forged.Hash = PlainSha256(forged);

        await InsertRowAsync(database, forged);

        await AssertBrokenAsync(database, 6, "Event 6: content does not match its hash (changed after it was written)");
    }

    [Fact]
    public async Task Drop_of_the_triggers_is_detected_by_the_next_verification()
    {
        await using var database = await AttackedAsync(3);

        await database.CreateJob().RunAsync(CancellationToken.None);

        var latest = await database.CreateAuditLog().LatestVerificationAsync();
        Assert.NotNull(latest);
        Assert.False(latest.IsValid);
        Assert.Null(latest.FirstBrokenSequence);
        Assert.Equal(
            "append-only triggers AuditEvents_NoUpdate, AuditEvents_NoDelete, AuditVerifications_NoUpdate, AuditVerifications_NoDelete " +
            "were missing or altered outside the portal; they have been recreated",
            latest.Problem);
    }

    private static async Task<AuditTestDatabase> AttackedAsync(int events, bool verify = false)
    {
        var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(events);
        if (verify)
        {
            await database.CreateJob().RunAsync(CancellationToken.None);
        }

        Assert.True((await database.CreateAuditLog().VerifyAsync(CancellationToken.None)).IsValid);
        await database.DropTriggersAsync();
        return database;
    }

    private static async Task AssertBrokenAsync(AuditTestDatabase database, long firstBroken, string problem)
    {
        var result = await database.CreateAuditLog().VerifyAsync(CancellationToken.None);
        Assert.False(result.IsValid);
        Assert.Equal(problem, result.Problem);
        Assert.Equal(firstBroken, result.FirstBrokenSequence);
    }

    private static Task<int> DeleteAndRenumberAsync(AuditTestDatabase database, long sequence) =>
        database.ExecuteSqlAsync($"""
            DELETE FROM AuditEvents WHERE Sequence = {sequence};
            UPDATE AuditEvents SET Sequence = -(Sequence - 1) WHERE Sequence > {sequence};
            UPDATE AuditEvents SET Sequence = -Sequence WHERE Sequence < 0;
            """);

    /// <summary>
    /// Renames the actor of event <paramref name="changed"/> (if any) and rewrites every hash from
    /// <paramref name="from"/> on so that the chain links up again; returns the new head hash.
    /// </summary>
    private static async Task<string> ChangeAndRecomputeAsync(
        AuditTestDatabase database, long? changed, long from, Func<AuditEvent, string>? hash = null)
    {
        hash ??= PlainSha256;
        var previousHash = AuditHasher.GenesisHash;
        foreach (var auditEvent in await database.ReadEventsAsync())
        {
            if (auditEvent.Sequence >= from)
            {
                var forged = auditEvent.Sequence == changed ? CopyWithActorName(auditEvent, "Mallory") : auditEvent;
                forged.PreviousHash = previousHash;
                forged.Hash = hash(forged);
                await UpdateRowAsync(database, forged);
                previousHash = forged.Hash;
            }
            else
            {
                previousHash = auditEvent.Hash;
            }
        }

        return previousHash;
    }

    /// <summary>The published recipe without the key: all an attacker who has only the database can compute.</summary>
    private static string PlainSha256(AuditEvent auditEvent) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditHasher.CanonicalContent(auditEvent))));
}
