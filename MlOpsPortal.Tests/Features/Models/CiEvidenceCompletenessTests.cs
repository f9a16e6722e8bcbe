using System.Net;
using MlOpsPortal.Tests.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>Issue 10, item 9: evidence with an empty group is refused, never stored as zeros that pass the CI gate.</summary>
public sealed class CiEvidenceCompletenessTests(SeededPortal app) : IClassFixture<SeededPortal>
{
    private const string Path = "/api/v1/models/churn-model/versions/1/ci-evidence";

    [Theory]
    [InlineData("{}", "vulnerabilities.critical")]
    [InlineData("""{"critical":0,"high":0,"medium":0}""", "vulnerabilities.low")]
    [InlineData("""{"critical":null,"high":0,"medium":0,"low":0}""", "vulnerabilities.critical")]
    [InlineData("""{"critical":0,"high":-1,"medium":0,"low":0}""", "vulnerabilities.high")]
    public async Task Vulnerability_counts_must_all_be_given(string vulnerabilities, string field)
    {
        using var client = app.CreateClientWithKey(SeededPortal.DevelopmentKey);
        var before = await app.QueryAsync(db => Task.FromResult(db.CiEvidence.Count()));

        using var response = await client.PostRawAsync(Path,
            $$"""{"testsPassed":10,"testsFailed":0,"coveragePercent":90,"lintWarnings":0,"vulnerabilities":{{vulnerabilities}}}""");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(before, await app.QueryAsync(db => Task.FromResult(db.CiEvidence.Count())));
    }

    [Fact]
    public async Task Complete_evidence_with_zero_findings_is_recorded()
    {
        using var client = app.CreateClientWithKey(SeededPortal.DevelopmentKey);

        using var response = await client.PostRawAsync(Path,
            """{"testsPassed":10,"testsFailed":0,"coveragePercent":90,"lintWarnings":0,"vulnerabilities":{"critical":0,"high":0,"medium":0,"low":0}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
