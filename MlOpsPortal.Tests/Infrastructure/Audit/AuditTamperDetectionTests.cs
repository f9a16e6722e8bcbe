using System.Globalization;
using Microsoft.Data.Sqlite;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

/// <summary>
/// Each test plays someone with DDL rights: drop the append-only triggers, edit AuditEvents directly, and
/// expect verification to name the first damaged event. Where a test forges hashes it is given the chain key,
/// to show what the structure of the chain catches even then; <see cref="AuditTamperingScenarioTests"/> plays
/// the attacker without the key.
/// </summary>
public sealed class AuditTamperDetectionTests
{
    [Fact]
    public async Task Changed_field_is_reported_at_that_event()
    {
        await using var database = await TamperableDatabaseAsync(5);

        await database.ExecuteSqlAsync("UPDATE AuditEvents SET ActorName = 'Mallory' WHERE Sequence = 3");

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("Event 3: content does not match its hash (changed after it was written)", result.Problem);
        Assert.Equal(5, result.EventCount);
        Assert.Equal(5, result.HeadSequence);
    }

    [Theory]
    [InlineData("OccurredAtUtc = '2020-01-01 00:00:00'")]
    [InlineData("ActorId = 'someone-else'")]
    [InlineData("Action = 'model.viewed'")]
    [InlineData("EntityType = 'Dataset'")]
    [InlineData("EntityId = NULL")]
    [InlineData("Details = '{\"index\":99}'")]
    public async Task Every_content_column_is_covered_by_the_hash(string change)
    {
        await using var database = await TamperableDatabaseAsync(3);

        await database.ExecuteSqlAsync($"UPDATE AuditEvents SET {change} WHERE Sequence = 2");

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Deleted_middle_event_is_reported_as_a_gap()
    {
        await using var database = await TamperableDatabaseAsync(5);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents WHERE Sequence = 3");

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("Sequence gap after 2: event 3 is missing (deleted)", result.Problem);
        Assert.Equal(4, result.EventCount);
    }

    [Fact]
    public async Task Deleted_first_events_are_reported()
    {
        await using var database = await TamperableDatabaseAsync(5);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents WHERE Sequence <= 2");

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Equal("Sequence starts at 3: events 1 to 2 are missing (deleted)", result.Problem);
    }

    [Fact]
    public async Task Deleted_last_event_is_reported_against_the_last_verified_head()
    {
        await using var database = await TamperableDatabaseAsync(5, verify: true);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents WHERE Sequence = 5");

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.StartsWith("Chain ends at event 4, but event 5 was verified at 2025-03-01 09:30:05 UTC", result.Problem, StringComparison.Ordinal);
        Assert.EndsWith("(events deleted from the end)", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emptied_table_is_reported_against_the_last_verified_head()
    {
        await using var database = await TamperableDatabaseAsync(2, verify: true);

        await database.ExecuteSqlAsync("DELETE FROM AuditEvents");

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.StartsWith("Chain is empty, but event 2 was verified", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_recomputed_after_a_change_is_caught_by_the_last_verified_head()
    {
        await using var database = await TamperableDatabaseAsync(5, verify: true);

        // The algorithm is public; an attacker who also obtained the key rehashes everything after the change.
        var events = await database.ReadEventsAsync();
        var previousHash = AuditHasher.GenesisHash;
        foreach (var auditEvent in events)
        {
            var forged = auditEvent.Sequence == 2 ? CopyWithActorName(auditEvent, "Mallory") : auditEvent;
            forged.PreviousHash = previousHash;
            forged.Hash = AuditTestDatabase.Key.ComputeHash(forged);
            previousHash = forged.Hash;
            await UpdateRowAsync(database, forged);
        }

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.Contains("history rewritten after that verification", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contents_swapped_between_two_events_are_reported()
    {
        await using var database = await TamperableDatabaseAsync(5);

        await SwapContentsAsync(database, 2, 3, includeHashColumns: true);

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal("Event 2: previous hash does not match event 1 (reordered or inserted)", result.Problem);
    }

    [Fact]
    public async Task Contents_swapped_while_keeping_the_hash_columns_in_place_are_reported()
    {
        await using var database = await TamperableDatabaseAsync(5);

        await SwapContentsAsync(database, 2, 3, includeHashColumns: false);

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal("Event 2: content does not match its hash (changed after it was written)", result.Problem);
    }

    [Fact]
    public async Task Sequence_numbers_swapped_between_two_events_are_reported()
    {
        await using var database = await TamperableDatabaseAsync(5);

        await database.ExecuteSqlAsync("""
            UPDATE AuditEvents SET Sequence = -1 WHERE Sequence = 2;
            UPDATE AuditEvents SET Sequence = 2 WHERE Sequence = 3;
            UPDATE AuditEvents SET Sequence = 3 WHERE Sequence = -1;
            """);

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal("Event 2: previous hash does not match event 1 (reordered or inserted)", result.Problem);
    }

    [Fact]
    public async Task Event_inserted_into_the_middle_is_reported_at_the_event_after_it()
    {
        await using var database = await TamperableDatabaseAsync(5);
        var events = await database.ReadEventsAsync();

        // Make room at 4 and forge a row there that links correctly to event 3, hashed with a leaked key.
        await database.ExecuteSqlAsync("UPDATE AuditEvents SET Sequence = Sequence + 100 WHERE Sequence >= 4");
        await database.ExecuteSqlAsync("UPDATE AuditEvents SET Sequence = Sequence - 99 WHERE Sequence >= 104");
        var forged = CopyWithActorName(events[2], "Mallory");
        forged.Sequence = 4;
        forged.PreviousHash = events[2].Hash;
        forged.Hash = AuditTestDatabase.Key.ComputeHash(forged);
        await InsertRowAsync(database, forged);

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.Equal("Event 5: previous hash does not match event 4 (reordered or inserted)", result.Problem);
        Assert.Equal(6, result.EventCount);
    }

    [Fact]
    public async Task Duplicated_sequence_number_is_reported_once_the_unique_index_is_gone()
    {
        await using var database = await TamperableDatabaseAsync(4);
        await database.ExecuteSqlAsync("DROP INDEX IX_AuditEvents_Sequence");
        var events = await database.ReadEventsAsync();
        await InsertRowAsync(database, CopyWithActorName(events[2], "Mallory"));

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("Event 3: sequence number is used more than once (inserted)", result.Problem);
        Assert.Equal(5, result.EventCount);
    }

    [Fact]
    public async Task Event_appended_with_a_made_up_hash_is_reported()
    {
        await using var database = await TamperableDatabaseAsync(3);
        var events = await database.ReadEventsAsync();
        var forged = CopyWithActorName(events[2], "Mallory");
        forged.Sequence = 4;
        forged.PreviousHash = events[2].Hash;
        forged.Hash = new string('a', 64);
        await InsertRowAsync(database, forged);

        var result = await VerifyAsync(database);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Only_the_first_problem_is_reported_but_all_events_are_counted()
    {
        await using var database = await TamperableDatabaseAsync(6);

        await database.ExecuteSqlAsync("""
            UPDATE AuditEvents SET ActorName = 'Mallory' WHERE Sequence = 2;
            DELETE FROM AuditEvents WHERE Sequence = 4;
            """);

        var result = await VerifyAsync(database);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(5, result.EventCount);
        Assert.Equal(6, result.HeadSequence);
    }

    /// <param name="verify">Run the verification job first, so that a checkpoint and an anchored head exist.</param>
    private static async Task<AuditTestDatabase> TamperableDatabaseAsync(int events, bool verify = false)
    {
        var database = await AuditTestDatabase.CreateAsync();
        await database.SeedAsync(events);
        if (verify)
        {
            await database.CreateJob().RunAsync(CancellationToken.None);
        }

        Assert.True((await VerifyAsync(database)).IsValid);
        await database.DropTriggersAsync();
        return database;
    }

    private static Task<AuditVerificationResult> VerifyAsync(AuditTestDatabase database) =>
        database.CreateAuditLog().VerifyAsync(CancellationToken.None);

    private static async Task SwapContentsAsync(AuditTestDatabase database, long first, long second, bool includeHashColumns)
    {
        var events = await database.ReadEventsAsync();
        var firstRow = events.Single(e => e.Sequence == first);
        var secondRow = events.Single(e => e.Sequence == second);
        await OverwriteContentAsync(database, first, secondRow, includeHashColumns);
        await OverwriteContentAsync(database, second, firstRow, includeHashColumns);
    }

    private static async Task OverwriteContentAsync(AuditTestDatabase database, long sequence, AuditEvent source, bool includeHashColumns)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE AuditEvents
            SET OccurredAtUtc = $time, ActorId = $actorId, ActorName = $actorName, Action = $action,
                EntityType = $entityType, EntityId = $entityId, Details = $details
                {(includeHashColumns ? ", PreviousHash = $previous, Hash = $hash" : string.Empty)}
            WHERE Sequence = $sequence
            """;
        AddContentParameters(command, source);
        command.Parameters.AddWithValue("$sequence", sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    internal static AuditEvent CopyWithActorName(AuditEvent source, string actorName) =>
        new()
        {
            Sequence = source.Sequence,
            OccurredAtUtc = source.OccurredAtUtc,
            ActorId = source.ActorId,
            ActorName = actorName,
            Action = source.Action,
            EntityType = source.EntityType,
            EntityId = source.EntityId,
            Details = source.Details,
            PreviousHash = source.PreviousHash,
            Hash = source.Hash,
        };

    internal static async Task UpdateRowAsync(AuditTestDatabase database, AuditEvent row)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE AuditEvents SET ActorName = $name, PreviousHash = $previous, Hash = $hash WHERE Sequence = $sequence";
        command.Parameters.AddWithValue("$name", row.ActorName);
        command.Parameters.AddWithValue("$previous", row.PreviousHash);
        command.Parameters.AddWithValue("$hash", row.Hash);
        command.Parameters.AddWithValue("$sequence", row.Sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    internal static async Task InsertRowAsync(AuditTestDatabase database, AuditEvent row)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO AuditEvents (Sequence, OccurredAtUtc, ActorId, ActorName, Action, EntityType, EntityId, Details, PreviousHash, Hash)
            VALUES ($sequence, $time, $actorId, $actorName, $action, $entityType, $entityId, $details, $previous, $hash)
            """;
        command.Parameters.AddWithValue("$sequence", row.Sequence);
        AddContentParameters(command, row);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    internal static void AddContentParameters(SqliteCommand command, AuditEvent row)
    {
        // The text form EF Core's SQLite provider writes, so the row reads back exactly like a real one.
        command.Parameters.AddWithValue("$time", row.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$actorId", row.ActorId);
        command.Parameters.AddWithValue("$actorName", row.ActorName);
        command.Parameters.AddWithValue("$action", row.Action);
        command.Parameters.AddWithValue("$entityType", row.EntityType);
        command.Parameters.AddWithValue("$entityId", (object?)row.EntityId ?? DBNull.Value);
        command.Parameters.AddWithValue("$details", (object?)row.Details ?? DBNull.Value);
        command.Parameters.AddWithValue("$previous", row.PreviousHash);
        command.Parameters.AddWithValue("$hash", row.Hash);
    }
}
