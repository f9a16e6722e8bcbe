using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The access log a SIEM or an auditor pulls: real sign-ins, a real refusal and a real API key, over HTTP.</summary>
public sealed class AccessLogApiTests : IDisposable
{
    private readonly PortalAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Sign_ins_refusals_and_key_events_are_listed_per_person_and_across_everyone_and_download_as_csv()
    {
        using (var browser = new CookieClient(app))
        using (await browser.SignInAsync(Personas.Contributor))
        {
            // Refused: contributors do not see the audit log.
            using var refused = await browser.GetAsync("/audit");
        }

        using (var bea = new CookieClient(app))
        using (await bea.SignInAsync(Personas.Business))
        {
        }

        await app.CreateKeyAsync("siem-export", PortalRoles.AuditRead);
        using var auditor = app.CreateClientAs(Personas.Auditor);

        var all = await (await auditor.GetPathAsync("/api/v1/access/log?pageSize=100")).JsonAsync();
        var actions = all["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("api-key.created", actions);
        Assert.Equal(2, actions.Count(a => a == "auth.sign-in"));
        Assert.Contains("auth.access-denied", actions);
        Assert.DoesNotContain(actions, a => !AccessLog.Actions.Contains(a));

        var dana = await (await auditor.GetPathAsync("/api/v1/access/log?person=dev-contributor")).JsonAsync();
        Assert.Equal(["auth.access-denied", "auth.sign-in"], dana["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(dana["items"]!.AsArray(), e => Assert.Equal("Dana Scientist", e!["actorName"]!.GetValue<string>()));
        var signIns = await (await auditor.GetPathAsync("/api/v1/access/log?action=auth.sign-in")).JsonAsync();
        Assert.Equal(["auth.sign-in", "auth.sign-in"], signIns["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        var unknown = await (await auditor.GetPathAsync("/api/v1/access/log?action=model.created")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("auth.sign-in", unknown.FieldErrors("action")[0], StringComparison.Ordinal);
        var future = await (await auditor.GetPathAsync($"/api/v1/access/log?from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}")).JsonAsync();
        Assert.Equal(0, future["totalCount"]!.GetValue<int>());
        await (await auditor.GetPathAsync("/api/v1/access/log?from=2026-12-02&to=2026-12-01")).ProblemAsync(HttpStatusCode.BadRequest);

        var csv = await auditor.GetPathAsync("/api/v1/access/log.csv?person=dev-contributor");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("access-log.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,occurredAtUtc,actorId,actorName,action,entityType,entityId,details", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",dev-contributor,Dana Scientist,auth.sign-in,User,dev-contributor,", lines[2], StringComparison.Ordinal);

        using var contributor = app.CreateClientAs(Personas.Contributor);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetPathAsync("/api/v1/access/log")).StatusCode);

        // The People page's download link: the auditor's own sign-in cookie is enough.
        using var aldo = new CookieClient(app);
        using (await aldo.SignInAsync(Personas.Auditor))
        {
        }

        using var download = await aldo.GetAsync("/api/v1/access/log.csv");
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (download.StatusCode, download.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task A_persons_log_holds_what_they_did_and_what_was_done_about_them_and_its_csv_stays_text()
    {
        using (var browser = new CookieClient(app))
        using (await browser.SignInAsync(Personas.Contributor))
        {
        }

        using (var bea = new CookieClient(app))
        using (await bea.SignInAsync(Personas.Business))
        {
        }

        // A grant to Dana by someone else, whose name would run as a formula in a spreadsheet.
        await app.Services.GetRequiredService<AuditLog>().RecordAsync(new AuditActor("test-eve", "=Eve Admin"), AccessGrants.GrantedAction,
            AuditQuery.UserEntityType, Personas.Contributor.Id, new { person = "Dana Scientist", role = PortalRoles.SupportEngineer }, CancellationToken.None);
        using var auditor = app.CreateClientAs(Personas.Auditor);

        var dana = await (await auditor.GetPathAsync("/api/v1/access/log?person=dev-contributor")).JsonAsync();

        Assert.Equal([("test-eve", "access.granted"), ("dev-contributor", "auth.sign-in")],
            dana["items"]!.AsArray().Select(e => (e!["actorId"]!.GetValue<string>(), e["action"]!.GetValue<string>())));
        Assert.All(dana["items"]!.AsArray(), e => Assert.Equal("dev-contributor", e!["entityId"]!.GetValue<string>()));
        var granted = await (await auditor.GetPathAsync("/api/v1/access/log?person=dev-contributor&action=access.granted")).JsonAsync();
        Assert.Equal(1, granted["totalCount"]!.GetValue<int>());
        var eve = await (await auditor.GetPathAsync("/api/v1/access/log?person=test-eve")).JsonAsync();
        Assert.Equal("access.granted", Assert.Single(eve["items"]!.AsArray())!["action"]!.GetValue<string>());

        var lines = (await (await auditor.GetPathAsync("/api/v1/access/log.csv?person=dev-contributor")).Content.ReadAsStringAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",test-eve,'=Eve Admin,access.granted,User,dev-contributor,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",dev-contributor,Dana Scientist,auth.sign-in,User,dev-contributor,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_access_events_of_requests_grants_reviews_and_key_use_are_in_the_log()
    {
        Assert.Subset(AccessLog.Actions.ToHashSet(),
            new HashSet<string>
            {
                "access.requested", "access.request-approved", "access.request-rejected", "access.request-withdrawn", "access.request-expired",
                "access.granted", "access.revoked", "access.grant-expired", "access.removed",
                "access-review.started", "access-review.decided", "access-review.completed", "access.drift-checked", "api-key.used",
            });
        Assert.Equal(AccessLog.Actions.Count, AccessLog.Actions.Distinct().Count());
    }

    [Fact]
    public void The_pages_download_link_carries_the_filters_it_shows()
    {
        Assert.Equal("/api/v1/access/log.csv", AccessLog.CsvLink(null, null, null, null));
        Assert.Equal("/api/v1/access/log.csv?from=2026-12-01T00%3A00%3A00.0000000Z&person=dev%20x&action=auth.sign-in",
            AccessLog.CsvLink(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), null, "dev x", "auth.sign-in"));
    }

    [Fact]
    public void Csv_fields_are_quoted_and_never_run_as_spreadsheet_formulas()
    {
        var csv = AccessLog.Csv([new AccessLogEntry(7, new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), "x", "=HYPERLINK(\"evil\")", "auth.sign-in", "User", "a,b", null)]);

        var line = csv.Split("\r\n")[1];
        Assert.Equal("7,2026-12-01T09:30:00.0000000Z,x,\"'=HYPERLINK(\"\"evil\"\")\",auth.sign-in,User,\"a,b\",", line);
    }
}
