using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The audit log page's CSV: every event of the filtered view over real HTTP, as text a spreadsheet cannot run, and itself audited.</summary>
public sealed class AuditExportTests : IDisposable
{
    private readonly PortalAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_export_holds_every_event_of_the_filtered_view_with_its_sentence_and_is_recorded()
    {
        var audit = app.Services.GetRequiredService<AuditLog>();
        var evil = new AuditActor("test-eve", "=HYPERLINK(\"http://x\")");
        for (var i = 0; i < 230; i++)
        {
            // More than one page of the screen (and of the API's largest page), so a page-only export would fall short.
            await audit.RecordAsync(evil, "incident.commented", "Incident", $"INC-{i:0000}", new { text = "+1 see logs" }, CancellationToken.None);
        }

        await audit.RecordAsync(evil, "model.created", "Model", "churn-model", null, CancellationToken.None);
        using var auditor = new CookieClient(app);
        using (await auditor.SignInAsync(Personas.Auditor))
        {
        }

        var expected = (await audit.ListAsync(new AuditFilter(null, "incidents", null, null).ToQuery(app.Services.GetRequiredService<AuditSentences>(), 0, 1), CancellationToken.None)).TotalCount;
        using var response = await auditor.GetAsync("/api/v1/audit/events.csv?action=incidents");

        Assert.Equal((HttpStatusCode.OK, "text/csv"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditExport.Header, lines[0]);
        Assert.Equal(230, expected);
        Assert.Equal(expected, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(",incident.commented,", line, StringComparison.Ordinal));
        Assert.Contains(",test-eve,\"'=HYPERLINK(\"\"http://x\"\")\",incident.commented,\"'=HYPERLINK(\"\"http://x\"\") commented on incident INC-0229\",Incident,INC-0229,/incidents/INC-0229,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines.Skip(1), line => line.Contains(",=", StringComparison.Ordinal) || line.Contains(",+", StringComparison.Ordinal));

        var exported = Assert.Single((await audit.ListAsync(new AuditQuery { Actions = [AuditExport.ExportedAction] }, CancellationToken.None)).Items);
        Assert.Equal(Personas.Auditor.Id, exported.ActorId);
        Assert.Contains("\"rows\":230", exported.Details, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"incidents\"", exported.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_auditors_and_administrators_export_and_a_wrong_filter_is_named()
    {
        using var contributor = app.CreateClientAs(Personas.Contributor);
        using var auditor = app.CreateClientAs(Personas.Auditor);

        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetPathAsync("/api/v1/audit/events.csv")).StatusCode);
        var problem = await (await auditor.GetPathAsync("/api/v1/audit/events.csv?action=nonsense&from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("deployments", problem.FieldErrors("action")[0], StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", problem.FieldErrors("from")[0], StringComparison.Ordinal);
    }
}
