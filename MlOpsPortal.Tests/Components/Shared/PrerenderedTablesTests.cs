using System.Net;
using MlOpsPortal.Tests.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Components.Shared;

/// <summary>
/// A server-paged table reads its rows once the page is live, so the page as first sent has none yet. It must say it is
/// loading, not that there is nothing: "No models are registered yet" over a registry of models is a lie a person reads
/// (and a screen reader announces) until the rows arrive. So is a pager reading "0-0 of 0": it waits for the rows.
/// </summary>
public sealed class PrerenderedTablesTests(SeededPortal app) : IClassFixture<SeededPortal>
{
    public static TheoryData<string, string, string> Tables() => new()
    {
        { "/models", "Loading models…", "No models are registered yet." },
        { "/datasets", "Loading datasets…", "No datasets are registered yet." },
        { "/incidents", "Loading incidents…", "data-testid=\"incidents-empty\"" },
        { "/quality/reports", "Loading quality reports…", "No quality checks have run yet." },
        { "/reports", "Loading reports…", "No report has been generated yet." },
        { "/access/my", "Loading your requests…", "You have not asked for a role yet." },
        { "/access/requests", "Loading requests…", "data-testid=\"requests-empty\"" },
        { "/access/people", "Loading people…", "Nobody has signed in yet." },
        { "/access/people/dev-admin", "Loading what this person did…", "Nothing recorded." },
        { "/access/log", "Loading access events…", "No access events match these filters." },
        { "/audit", "Loading events…", "No events match these filters." },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_table_as_first_sent_says_it_is_loading_rather_than_empty(string path, string loading, string empty)
    {
        // The person page shows its table for someone the directory knows: someone who has signed in.
        await app.Services.RecordSignInsAsync(Personas.Admin);
        using var admin = app.CreateClientAs(Personas.Admin);

        using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(loading, html, StringComparison.Ordinal);
        Assert.DoesNotContain(empty, html, StringComparison.Ordinal);
        Assert.DoesNotContain("0-0 of 0", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-table-pagination-toolbar", html, StringComparison.Ordinal);
    }
}
