using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

public sealed class CollectionParameterTests
{
    /// <summary>
    /// A list in a query is one parameter, so its SQL is generated once and then reused from EF's cache: with one parameter
    /// per element the SQL changed with the list's length and EF generated it again on every execution (bench/PageBench).
    /// </summary>
    [Fact]
    public async Task A_query_over_a_list_of_ids_has_the_same_SQL_whatever_the_length_of_the_list()
    {
        await using var portal = await PortalServices.StartAsync();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        string Sql(List<int> ids)
        {
            var text = db.Environments.Where(e => ids.Contains(e.Id)).ToQueryString();
            // The parameter's value is declared above the statement; the statement is what EF generates and caches.
            return text[text.IndexOf("SELECT", StringComparison.Ordinal)..];
        }

        var two = Sql([1, 2]);
        var five = Sql([1, 2, 3, 4, 5]);

        Assert.Equal(two, five);
        Assert.DoesNotContain("@ids1", five, StringComparison.Ordinal);
        // And the single parameter finds what the list names (the three environments the migrations create).
        List<int> wanted = [1, 3, 99];
        Assert.Equal([1, 3], await db.Environments.Where(e => wanted.Contains(e.Id)).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
    }
}
