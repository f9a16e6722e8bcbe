using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class ModelCardEditingTests : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();
    private HttpClient pipeline = default!;

    public async Task InitializeAsync()
    {
        pipeline = await app.CreateRegistryWriterAsync();
        using var model = await pipeline.PostJsonAsync("/api/v1/models", new
        {
            key = "churn-model", displayName = "Churn", description = "", owner = "Dana", businessUnit = "Retail", useCase = "", riskTier = "High", tags = Array.Empty<string>(),
        });
        using var version = await pipeline.PostJsonAsync("/api/v1/models/churn-model/versions", new
        {
            framework = "xgboost", artifactUri = "s3://m/model.bin", artifactSha256 = new string('a', 64), modelCard = new { intendedUse = "Retention calls" },
        });
        Assert.Equal(HttpStatusCode.Created, version.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        pipeline.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task Completing_the_card_raises_completeness_and_is_audited_with_before_and_after()
    {
        var before = await (await pipeline.GetPathAsync("/api/v1/models/churn-model/versions/1")).JsonAsync();

        using var response = await pipeline.PutAsJsonAsync(new Uri("/api/v1/models/churn-model/versions/1/card", UriKind.Relative), new
        {
            intendedUse = "Retention calls", trainingData = "Twelve months of customers", evaluationData = "Last 30 days",
            metrics = "AUC 0.86", limitations = "New customers score poorly",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.JsonAsync();
        Assert.True(after["documentationPercent"]!.GetValue<int>() > before["documentationPercent"]!.GetValue<int>());
        Assert.Equal(100, after["documentationPercent"]!.GetValue<int>());
        var audit = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "model-card.updated"));
        Assert.Equal("churn-model/1", audit.EntityId);
        Assert.Contains("\"before\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("Twelve months of customers", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_cannot_edit_and_overlong_sections_are_refused()
    {
        using var reader = app.CreateClientAs(Personas.Business);
        using var refused = await reader.PutAsJsonAsync(new Uri("/api/v1/models/churn-model/versions/1/card", UriKind.Relative), new { intendedUse = "x" });
        await refused.ProblemAsync(HttpStatusCode.Forbidden);

        using var tooLong = await pipeline.PutAsJsonAsync(new Uri("/api/v1/models/churn-model/versions/1/card", UriKind.Relative), new { limitations = new string('x', 8001) });
        var problem = await tooLong.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("limitations"));

        using var missing = await pipeline.PutAsJsonAsync(new Uri("/api/v1/models/churn-model/versions/9/card", UriKind.Relative), new { intendedUse = "x" });
        await missing.ProblemAsync(HttpStatusCode.NotFound);
    }
}
