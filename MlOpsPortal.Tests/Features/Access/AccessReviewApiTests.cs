using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The reviews list and evidence downloads over HTTP: auditors, administrators and Audit.Read, nobody else.</summary>
public sealed class AccessReviewApiTests : IDisposable
{
    private readonly PortalAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Auditors_list_reviews_and_download_their_evidence_and_contributors_are_refused()
    {
        await app.Services.RecordSignInsAsync(Personas.Contributor, Personas.Support);

        var review = await app.Services.GetRequiredService<AccessReviews>().StartAsync(Personas.Admin,
            new AccessReviewInput("Contributors", [PortalRoles.ModelsContributor], ReviewerChoice.SupportEngineers, null, 14));
        using var auditor = app.CreateClientAs(Personas.Auditor);

        var list = await (await auditor.GetPathAsync("/api/v1/access/reviews?page=1&pageSize=10")).JsonAsync();
        Assert.Equal(1, list["totalCount"]!.GetValue<int>());
        var first = list["items"]![0]!;
        Assert.Equal(("Contributors", 1, 0), (first["name"]!.GetValue<string>(), first["itemCount"]!.GetValue<int>(), first["decidedCount"]!.GetValue<int>()));

        using var csv = await auditor.GetPathAsync($"/api/v1/access/reviews/{review.Id}/evidence.csv");
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (csv.StatusCode, csv.Content.Headers.ContentType?.MediaType));
        Assert.Equal($"access-review-{review.Id}-{review.StartedAtUtc:yyyy-MM-dd}.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(2, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        using var xlsx = await auditor.GetPathAsync($"/api/v1/access/reviews/{review.Id}/evidence.xlsx");
        Assert.Equal(AccessReviewEvidence.XlsxContentType, xlsx.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal("Dana Scientist", (string)Assert.Single(workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>())["person"]!);

        using var key = app.CreateClientWithKey((await app.CreateKeyAsync("siem", PortalRoles.AuditRead)).Secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetPathAsync($"/api/v1/access/reviews/{review.Id}/evidence.csv")).StatusCode);
        await (await auditor.GetPathAsync("/api/v1/access/reviews/999999/evidence.csv")).ProblemAsync(HttpStatusCode.NotFound);
        using var contributor = app.CreateClientAs(Personas.Contributor);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetPathAsync("/api/v1/access/reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetPathAsync($"/api/v1/access/reviews/{review.Id}/evidence.xlsx")).StatusCode);
    }
}
