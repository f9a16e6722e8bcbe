using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using static MlOpsPortal.Tests.Features.Reports.ReportTestSupport;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// The security audit's figures on a small fixed history written through the real services (sign-ins, access requests,
/// grants, API keys, refusals, chain verification), for the period 1–14 Oct 2026, against numbers worked out by hand;
/// and the same report again after more happens later.
/// </summary>
public sealed class SecurityAuditReportTests : IAsyncLifetime
{
    /// <summary>Builds and approves: the segregation-of-duties warning.</summary>
    private static readonly Persona Both = Personas.Custom("test-both", "Ben Both", PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover);

    private static readonly ReportScope October = new(Utc(10, 1), Utc(10, 15), Utc(10, 15));

    private readonly FakeTimeProvider clock = new(Utc(6, 1, 9));
    private PortalServices portal = null!;
    private (long Sequence, string Hash) verifiedHead;
    private int approvedRequest;
    private string ciSecret = null!;

    private IServiceProvider Services => portal.Services;

    private ApiKeysService Keys => Services.GetRequiredService<ApiKeysService>();

    private AccessRequests Requests => Services.GetRequiredService<AccessRequests>();

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        // 1 Jun: everyone signs in; keys ci-pipeline, stale-exporter and old-revoked are created.
        await Services.RecordSignInsAsync(Personas.Admin, Personas.Approver, Both, Personas.Business, Personas.Newcomer);
        var ci = await CreateKeyAsync("ci-pipeline", PortalRoles.RegistryWrite, new DateOnly(2027, 6, 1));
        var stale = await CreateKeyAsync("stale-exporter", PortalRoles.AuditRead, new DateOnly(2027, 1, 31));
        var oldRevoked = await CreateKeyAsync("old-revoked", PortalRoles.MetricsWrite, new DateOnly(2027, 1, 31));
        // 2 Jun: ci-pipeline and stale-exporter are used; 10 Jun: old-revoked is revoked (before the period).
        clock.SetUtcNow(Utc(6, 2, 9));
        await Keys.AuthenticateAsync(ci.Secret);
        await Keys.AuthenticateAsync(stale.Secret);
        clock.SetUtcNow(Utc(6, 10, 9));
        await Keys.RevokeAsync(Personas.Admin, oldRevoked.Key.Id, "No longer needed");
        // 20 Sep: monitor (expires 1 Nov, never used); 25 Sep: to-revoke.
        clock.SetUtcNow(Utc(9, 20, 9));
        await CreateKeyAsync("monitor", PortalRoles.MetricsWrite, new DateOnly(2026, 11, 1));
        clock.SetUtcNow(Utc(9, 25, 9));
        var toRevoke = await CreateKeyAsync("to-revoke", PortalRoles.IncidentsWrite, new DateOnly(2027, 3, 1));

        // In the period: ci-pipeline used 2 Oct; Bea refused /settings on 2 and 3 Oct, an anonymous caller /api/v1/audit on 3 Oct;
        // the newcomer granted Deployments.Approver on 4 Oct and revoked on 8 Oct; to-revoke revoked 6 Oct; the chain verified 10 Oct.
        clock.SetUtcNow(Utc(10, 2, 9));
        await Keys.AuthenticateAsync(ci.Secret);
        await RefuseAsync(Personas.Business, "/settings");
        clock.SetUtcNow(Utc(10, 3, 9));
        await RefuseAsync(Personas.Business, "/settings");
        await RefuseAsync(new ClaimsPrincipal(new ClaimsIdentity()), "/api/v1/audit");
        clock.SetUtcNow(Utc(10, 4, 9));
        var request = await Requests.SubmitAsync(Personas.Newcomer, new AccessRequestInput(PortalRoles.DeploymentsApprover, "Covering the approver rota.", 30));
        var grant = (await Requests.ApproveAsync(Personas.Admin, request.Id, null)).GrantId!.Value;
        approvedRequest = request.Id;
        ciSecret = ci.Secret;
        clock.SetUtcNow(Utc(10, 6, 9));
        await Keys.RevokeAsync(Personas.Admin, toRevoke.Key.Id, "Replaced");
        clock.SetUtcNow(Utc(10, 8, 9));
        await Services.GetRequiredService<AccessGrants>().RevokeAsync(Personas.Admin, grant, "Rota over");
        clock.SetUtcNow(Utc(10, 10, 12));
        await Services.GetRequiredService<VerifyAuditChainJob>().RunAsync(CancellationToken.None);
        // An anonymous projection: Npgsql would read a ValueTuple as a PostgreSQL record, which it cannot.
        var head = await portal.QueryAsync(async db => await db.AuditEvents
            .OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstAsync());
        verifiedHead = (head.Sequence, head.Hash);
        clock.SetUtcNow(Utc(10, 16, 10));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Privileged_people_are_those_holding_the_roles_at_the_end_and_every_role_change_of_the_period_is_listed()
    {
        var body = await Services.BuildAsync(ReportKind.SecurityAudit, October);

        // Ada (Portal.Admin), Arun (Deployments.Approver), Ben (both working roles); the newcomer's grant was revoked on 8 Oct.
        Assert.Equal("3 people could administer the portal or approve production deployments at the end of 14 Oct 2026 (1 administrator, 2 approvers); "
            + "role assignments changed 2 times in the period.", body.Section("privileged-access").Lead);
        Assert.Equal(
            [["Ada Admin", "Portal.Admin", ""], ["Arun Approver", "Deployments.Approver", ""], ["Ben Both", "Deployments.Approver", "Models.Contributor"]],
            body.Table("privileged-people").Texts());
        var newcomer = Personas.Newcomer.Name;
        Assert.Equal(
            [
                ["2026-10-04 09:00 UTC", newcomer, "Deployments.Approver", "Granted", "Ada Admin", $"#{approvedRequest}", ""],
                ["2026-10-08 09:00 UTC", newcomer, "Deployments.Approver", "Revoked", "Ada Admin", "", "Rota over"],
            ],
            body.Table("role-changes").Texts());
    }

    [Fact]
    public async Task Api_keys_are_judged_as_they_stood_at_the_end_without_secrets_or_prefixes()
    {
        var body = await Services.BuildAsync(ReportKind.SecurityAudit, October);
        var section = body.Section("api-keys");

        // Working on 15 Oct 00:00: ci-pipeline, stale-exporter, monitor = 3. monitor expires 2 Nov 00:00 (≤ 14 Nov): expiring, and
        // never used. stale-exporter last used 2 Jun, before 17 Jul (90 days back), and older than 90 days: unused. to-revoke revoked 6 Oct.
        Assert.Equal("3 API keys were working at the end of 14 Oct 2026: 1 expire within 30 days, 1 had not been used for 90 days and 1 had never been used; 1 revoked in the period.", section.Lead);
        Assert.Equal(
            [("Active keys", 3), ("Expiring within 30 days", 1), ("Unused for 90 days", 1), ("Never used", 1), ("Revoked in the period", 1)],
            section.Figures.Select(f => (f.Label, (int)f.Value!.Value)));
        // old-revoked ended before the period and is not listed.
        Assert.Equal(
            [
                ["ci-pipeline", "Registry.Write", "Ada Admin", "2026-06-01 09:00 UTC", "2027-06-02 00:00 UTC", "2026-10-02 09:00 UTC", "Active"],
                ["monitor", "Metrics.Write", "Ada Admin", "2026-09-20 09:00 UTC", "2026-11-02 00:00 UTC", "", "Expiring within 30 days"],
                ["stale-exporter", "Audit.Read", "Ada Admin", "2026-06-01 09:00 UTC", "2027-02-01 00:00 UTC", "2026-06-02 09:00 UTC", "Unused for 90 days"],
                ["to-revoke", "Incidents.Write", "Ada Admin", "2026-09-25 09:00 UTC", "2027-03-02 00:00 UTC", "", "Revoked"],
            ],
            body.Table("api-keys").Texts());
        var json = body.Document(ReportKind.SecurityAudit, October).ToJson();
        var prefixes = await portal.QueryAsync(db => db.ApiKeys.Select(k => new { k.Prefix, k.SecretHash }).ToListAsync());
        Assert.All(prefixes, k => Assert.DoesNotContain(k.Prefix, json, StringComparison.Ordinal));
        Assert.All(prefixes, k => Assert.DoesNotContain(k.SecretHash, json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_requests_are_counted_per_day_and_per_person_and_address_and_maker_checker_has_no_exceptions()
    {
        var body = await Services.BuildAsync(ReportKind.SecurityAudit, October);
        var refused = body.Section("refused-access");

        // Bea twice (2 and 3 Oct), an anonymous caller once (3 Oct): 3 refusals, 1 signed-in person, 2 addresses.
        Assert.Equal(3, refused.Figure("Refused requests"));
        Assert.Equal(1, refused.Figure("People refused"));
        Assert.Equal(2, refused.Figure("Addresses refused"));
        var perDay = refused.Charts.Single();
        Assert.Equal(14, perDay.Categories.Count);
        Assert.Equal(new double[] { 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, perDay.Series.Single().Values);
        Assert.Equal(
            [["Bea Business", "/settings", "2", "2026-10-03 09:00 UTC"], ["Anonymous", "/api/v1/audit", "1", "2026-10-03 09:00 UTC"]],
            body.Table("refused-access").Texts());

        // Ben holds Models.Contributor with Deployments.Approver; nobody approved a model they built.
        var segregation = body.Section("segregation-of-duties");
        Assert.Equal("1 person holds roles that should be kept apart; their work deserves a second look. "
            + "No maker-checker exceptions: nobody approved a deployment of a model they helped build.", segregation.Lead);
        Assert.Equal(["Ben Both"], body.Table("segregation-warnings").Texts().Select(r => r[0]));
        Assert.Empty(body.Table("maker-checker-exceptions").Rows);
    }

    [Fact]
    public async Task The_chain_section_shows_the_last_verification_by_the_end_and_the_report_is_the_same_when_built_again_later()
    {
        var first = await Services.BuildAsync(ReportKind.SecurityAudit, October);
        var chain = first.Section("audit-chain");
        Assert.StartsWith("The audit log was verified intact on 10 Oct 2026 12:00 UTC", chain.Lead, StringComparison.Ordinal);
        var rows = first.Table("audit-chain").Texts().ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("Intact", rows["Result"]);
        Assert.Equal(verifiedHead.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), rows["Head sequence"]);
        Assert.Equal(verifiedHead.Hash, rows["Head hash"]);

        // After the period: a new key, ci-pipeline used, Bea refused, the newcomer granted a role, the chain verified again.
        clock.SetUtcNow(Utc(10, 20, 9));
        await CreateKeyAsync("late-key", PortalRoles.RegistryWrite, new DateOnly(2027, 6, 1));
        await Keys.AuthenticateAsync(ciSecret);
        await RefuseAsync(Personas.Business, "/settings");
        var request = await Requests.SubmitAsync(Personas.Newcomer, new AccessRequestInput(PortalRoles.SupportEngineer, "Joining the support rota.", 30));
        await Requests.ApproveAsync(Personas.Admin, request.Id, null);
        clock.SetUtcNow(Utc(11, 5, 9));
        await Services.GetRequiredService<VerifyAuditChainJob>().RunAsync(CancellationToken.None);

        var again = await Services.BuildAsync(ReportKind.SecurityAudit, October);
        Assert.Equal(first.Document(ReportKind.SecurityAudit, October).ToJson(), again.Document(ReportKind.SecurityAudit, October).ToJson());
    }

    private Task<CreatedApiKey> CreateKeyAsync(string name, string scope, DateOnly expiresOn) =>
        Keys.CreateAsync(Personas.Admin, new ApiKeyInput(name, [scope], expiresOn));

    private Task RefuseAsync(ClaimsPrincipal user, string path) =>
        AccessDeniedAuditingHandler.RecordAsync(Services.GetRequiredService<AuditLog>(), user, path, CancellationToken.None);
}
