using System.Text.Json;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditHasherTests
{
    // Expected hashes were computed outside .NET with the Python recipe documented on AuditHasher, keyed with
    // bytes 1 to 32 (base64 AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=), so these tests pin the code to the
    // published format rather than to itself.
    private const string FirstEventHash = "6709dfa0fbbb09c1d7bb1723aa8117858db2b57bdb9f67f78c106d981d7b7468";

    private static readonly AuditChainKey Key = AuditChainKey.FromBase64("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");

    private static AuditEvent FirstEvent() =>
        new()
        {
            Sequence = 1,
            OccurredAtUtc = new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc).AddTicks(1_234_567),
            ActorId = "oid-1",
            ActorName = "Zoë Müller",
            Action = "model.created",
            EntityType = "Model",
            EntityId = "churn-v2",
            Details = """{"name":"churn","stage":"staging"}""",
            PreviousHash = AuditHasher.GenesisHash,
        };

    private static AuditEvent SecondEvent(string? entityId) =>
        new()
        {
            Sequence = 2,
            OccurredAtUtc = new DateTime(2025, 3, 1, 9, 31, 0, DateTimeKind.Utc),
            ActorId = "system",
            ActorName = "System",
            Action = "auth.sign-out",
            EntityType = "Session",
            EntityId = entityId,
            Details = null,
            PreviousHash = FirstEventHash,
        };

    [Fact]
    public void Hash_matches_the_documented_format_computed_independently()
    {
        Assert.Equal(FirstEventHash, Key.ComputeHash(FirstEvent()));
        Assert.Equal("641ac3656f523c135cfa3c4b0f5ec515efc1310d256fbaff4624bc49ddac5906", Key.ComputeHash(SecondEvent(null)));
    }

    [Fact]
    public void Another_key_gives_another_hash_and_the_plain_sha256_is_not_accepted()
    {
        var other = new AuditChainKey(Enumerable.Repeat((byte)7, 32).ToArray());

        Assert.NotEqual(FirstEventHash, other.ComputeHash(FirstEvent()));
        Assert.NotEqual("735cd2d39287fe20e5da1f080d5a167fef929c0c9f4a9938896e01397a8f3f44", Key.ComputeHash(FirstEvent()));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("not base64!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes, fewer than 32")]
    public void Missing_or_weak_keys_are_refused_with_a_message_naming_the_setting(string? value, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuditChainKey.FromBase64(value));

        Assert.StartsWith("Audit:ChainKey ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_and_empty_values_hash_differently()
    {
        Assert.Equal("54443ddc25a775134548be2339254e35e7d41c416b586dd9a89df9dbd3d16d5e", Key.ComputeHash(SecondEvent(string.Empty)));
        Assert.NotEqual(Key.ComputeHash(SecondEvent(null)), Key.ComputeHash(SecondEvent(string.Empty)));
    }

    [Fact]
    public void Canonical_content_is_length_prefixed_utf8_lines()
    {
        var expected =
            "audit-event-v1\n" +
            "sequence:1\n" +
            "occurredAtUtc:2025-03-01T09:30:00.1234567Z\n" +
            "actorId:5:oid-1\n" +
            "actorName:12:Zoë Müller\n" +
            "action:13:model.created\n" +
            "entityType:5:Model\n" +
            "entityId:8:churn-v2\n" +
            "details:34:{\"name\":\"churn\",\"stage\":\"staging\"}\n" +
            $"previousHash:{AuditHasher.GenesisHash}\n";
        Assert.Equal(expected, AuditHasher.CanonicalContent(FirstEvent()));
    }

    [Fact]
    public void Every_content_field_changes_the_hash()
    {
        var original = Key.ComputeHash(FirstEvent());
        AuditEvent[] variants =
        [
            With(e => e.Sequence = 2),
            With(e => e.OccurredAtUtc = e.OccurredAtUtc.AddTicks(1)),
            With(e => e.PreviousHash = new string('1', 64)),
            Copy(FirstEvent(), actorId: "oid-2"),
            Copy(FirstEvent(), actorName: "Zoe Muller"),
            Copy(FirstEvent(), action: "model.deleted"),
            Copy(FirstEvent(), entityType: "Dataset"),
            Copy(FirstEvent(), entityId: "churn-v3"),
            Copy(FirstEvent(), details: """{"name":"churn","stage":"production"}"""),
        ];

        foreach (var variant in variants)
        {
            Assert.NotEqual(original, Key.ComputeHash(variant));
        }
    }

    [Fact]
    public void Timestamps_from_the_database_are_read_as_utc_and_local_times_are_converted()
    {
        var utc = new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc).AddTicks(5);
        Assert.Equal("2025-03-01T09:30:00.0000005Z", AuditHasher.FormatTimestamp(utc));
        Assert.Equal("2025-03-01T09:30:00.0000005Z", AuditHasher.FormatTimestamp(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        Assert.Equal("2025-03-01T09:30:00.0000005Z", AuditHasher.FormatTimestamp(utc.ToLocalTime()));
    }

    [Fact]
    public void Details_are_compact_camel_case_json()
    {
        var details = AuditEvent.SerializeDetails(new
        {
            ModelName = "Churn",
            Tags = new Dictionary<string, int> { ["TrainRuns"] = 3 },
            Stage = (string?)null,
        });

        Assert.Equal("""{"modelName":"Churn","tags":{"trainRuns":3},"stage":null}""", details);
        Assert.Null(AuditEvent.SerializeDetails(null));
        Assert.Equal("\"plain text\"", AuditEvent.SerializeDetails("plain text"));
        using var parsed = JsonDocument.Parse("""{ "Already" : "json" }""");
        Assert.Equal("""{"Already":"json"}""", AuditEvent.SerializeDetails(parsed.RootElement));
    }

    private static AuditEvent With(Action<AuditEvent> change)
    {
        var auditEvent = FirstEvent();
        change(auditEvent);
        return auditEvent;
    }

    private static AuditEvent Copy(
        AuditEvent source,
        string? actorId = null,
        string? actorName = null,
        string? action = null,
        string? entityType = null,
        string? entityId = null,
        string? details = null) =>
        new()
        {
            Sequence = source.Sequence,
            OccurredAtUtc = source.OccurredAtUtc,
            ActorId = actorId ?? source.ActorId,
            ActorName = actorName ?? source.ActorName,
            Action = action ?? source.Action,
            EntityType = entityType ?? source.EntityType,
            EntityId = entityId ?? source.EntityId,
            Details = details ?? source.Details,
            PreviousHash = source.PreviousHash,
        };
}
