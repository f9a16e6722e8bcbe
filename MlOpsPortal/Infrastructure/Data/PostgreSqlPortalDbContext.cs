using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

public sealed partial class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        QuoteColumnsInSqlFragments(modelBuilder);
        AddPointLogIds(modelBuilder, id => id.UseIdentityAlwaysColumn());
    }

    /// <summary>
    /// Check constraints and index filters are written once for every provider with bare column names, which SQLite and
    /// SQL Server match case-insensitively; PostgreSQL folds a bare name to lower case and finds no such column, so
    /// here they are quoted.
    /// </summary>
    private static void QuoteColumnsInSqlFragments(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet(StringComparer.Ordinal);
            string Quote(string sql) => BareIdentifier().Replace(sql, m => columns.Contains(m.Value) ? $"\"{m.Value}\"" : m.Value);
            foreach (var check in entity.GetCheckConstraints().ToList())
            {
                entity.RemoveCheckConstraint(check.ModelName);
                entity.AddCheckConstraint(check.ModelName, Quote(check.Sql)).Name = check.Name;
            }

            foreach (var index in entity.GetIndexes().Where(i => i.GetFilter() is not null))
            {
                index.SetFilter(Quote(index.GetFilter()!));
            }
        }
    }

    [GeneratedRegex(@"(?<![""\w])[A-Za-z_]\w*(?![""\w])")]
    private static partial Regex BareIdentifier();
}
