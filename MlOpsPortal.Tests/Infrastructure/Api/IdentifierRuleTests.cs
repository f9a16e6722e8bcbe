using System.Net;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Api;

/// <summary>Issue 10, item 10: keys, labels, commits and idempotency keys are printable and never look like paths.</summary>
public sealed class IdentifierRuleTests(SeededPortal app) : IClassFixture<SeededPortal>
{
    private static readonly string Sha = new('a', 64);

    /// <summary>Each bad shape and a word its message must carry, so the caller knows what to remove.</summary>
    public static readonly IReadOnlyList<(string Value, string Says)> BadShapes =
    [
        ("bell\u0007key", "U+0007"), ("new\nline", "U+000A"), ("\u202Eright-to-left", "U+202E"), ("iso\u2066late", "U+2066"),
        ("zero\u200Bwidth", "U+200B"), ("../etc", "path"), ("..", "path"), ("a/b", "path"), ("a\\b", "path"), ("%2e%2e", "path"),
    ];

    public static TheoryData<string, string> Targets()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Writes.Keys)
        {
            for (var i = 0; i < BadShapes.Count; i++)
            {
                data.Add(target, BadShapes[i].Value);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string Path, string Field, Func<string, object> Body)> Writes = new()
    {
        ["model key"] = ("/api/v1/models", "key", v => new { key = v, displayName = "x", owner = "o", businessUnit = "b", riskTier = "Low" }),
        ["dataset key"] = ("/api/v1/datasets", "key", v => new { key = v, owner = "o" }),
        ["dataset version"] = ("/api/v1/datasets/customer-profiles/versions", "version", v => new { version = v, location = "s3://d/x", sha256 = Sha, rowCount = 1 }),
        ["source commit"] = ("/api/v1/models/churn-model/versions", "sourceCommit", v => new { framework = "xgboost", artifactUri = "s3://m/x", artifactSha256 = Sha, sourceCommit = v }),
        ["lineage dataset"] = ("/api/v1/models/churn-model/versions", "datasets[0].version", v => new { framework = "xgboost", artifactUri = "s3://m/x", artifactSha256 = Sha, datasets = new[] { new { dataset = "customer-profiles", version = v, role = "training" } } }),
        ["idempotency key"] = ("/api/v1/metrics", "idempotencyKey", v => new { environment = "production", idempotencyKey = v, points = new[] { new { metric = "model.accuracy", timestamp = DateTimeOffset.UtcNow, value = 1 } } }),
        ["deployment model"] = ("/api/v1/deployment-requests", "model", v => new { model = v, version = 1, environment = "staging", justification = "x" }),
        ["deployment environment"] = ("/api/v1/deployment-requests", "environment", v => new { model = "churn-model", version = 1, environment = v, justification = "x" }),
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Identifiers_with_control_bidi_or_path_shapes_are_refused_with_a_specific_message(string target, string value)
    {
        var (path, field, body) = Writes[target];
        using var client = app.CreateClientWithKey(SeededPortal.DevelopmentKey);

        using var response = await client.PostJsonAsync(path, body(value));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var says = BadShapes.Single(s => s.Value == value).Says;
        Assert.True(problem.FieldErrors(field).Any(m => m.Contains(says, StringComparison.Ordinal)), problem.ToJsonString());
    }

    [Theory]
    [InlineData("churn-model")]
    [InlineData("2026-11-20")]
    [InlineData("v1.2.3")]
    [InlineData("0f3c9a1")]
    [InlineData("run_42:attempt-1")]
    [InlineData("ünïcode-名前")]
    public void Ordinary_identifiers_pass(string value)
    {
        var errors = new FieldErrors();

        errors.Identifier("key", value, "Key");

        Assert.False(errors.Any);
    }

    [Fact]
    public void Every_bad_shape_is_named_by_the_rule()
    {
        foreach (var (value, says) in BadShapes)
        {
            var errors = new FieldErrors();
            errors.Identifier("key", value, "Key");
            var thrown = Assert.Throws<PortalValidationException>(errors.ThrowIfAny);
            Assert.Contains(says, Assert.Single(thrown.Errors["key"]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lone_surrogate_is_not_printable()
    {
        var errors = new FieldErrors();

        errors.Identifier("key", "a\ud800b", "Key");

        Assert.True(errors.Any);
    }
}
