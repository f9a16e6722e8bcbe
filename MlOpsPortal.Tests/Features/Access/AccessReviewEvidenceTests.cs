using MiniExcelLibs;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The evidence an auditor downloads from a finished review, in both formats.</summary>
public sealed class AccessReviewEvidenceTests : AccessReviewTestContext
{
    [Fact]
    public async Task A_finished_review_downloads_as_csv_and_xlsx_with_one_row_per_item()
    {
        var review = await Reviews.StartAsync(Personas.Admin, Contributors(ReviewDefault.TakeRecommendations));
        var dana = await ItemAsync(review.Id, Personas.Contributor, PortalRoles.ModelsContributor);
        await Reviews.DecideAsync(Personas.Support, dana.Id, ReviewDecision.Approve, "=HYPERLINK(\"x\"), ships models weekly", dana.Revision);
        await EndAsync(review);
        var view = await Reviews.GetAsync(Personas.Auditor, review.Id);

        var lines = AccessReviewEvidence.Csv(view).Split(CsvText.LineEnd, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("reviewId,person,principalName,role,source,lastSignInUtc,roleLastUsedUtc,reviewer,decision,decidedByDefault,justification,recommendation,recommendationReason,decidedAtUtc,appliedAtUtc,result", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{review.Id},Dana Scientist,dana.scientist@contoso.example,Models.Contributor,Entra app role assignment,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Sam Support,Approve,false,\"'=HYPERLINK(\"\"x\"\"), ships models weekly\",,,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",Kept", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Ina Inactive,test-ina@contoso.example,Models.Contributor,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",,Deny,true,,Deny,No sign-in for 45 days,", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",Removed", lines[2], StringComparison.Ordinal);

        using var xlsx = new MemoryStream(AccessReviewEvidence.Xlsx(view));
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(AccessReviewEvidence.Columns, rows[0].Keys);
        Assert.Equal(("Dana Scientist", "Approve", "Kept"), ((string)rows[0]["person"]!, (string)rows[0]["decision"]!, (string)rows[0]["result"]!));
        Assert.Equal(("Ina Inactive", "No sign-in for 45 days", "Removed"), ((string)rows[1]["person"]!, (string)rows[1]["recommendationReason"]!, (string)rows[1]["result"]!));
        // A cell is text, never a formula, whatever a justification starts with.
        Assert.Equal("=HYPERLINK(\"x\"), ships models weekly", rows[0]["justification"]);
        xlsx.Position = 0;
        Assert.Equal(["Items", "Review"], xlsx.GetSheetNames());
    }
}
