using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

public sealed partial class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>The generated id of a raw metric point, its place in the point log (PostgreSQL only).</summary>
    public const string PointLogId = "Id";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        QuoteColumnsInSqlFragments(modelBuilder);
        AddPointLogIds(modelBuilder);
    }

    /// <summary>
    /// The cross-instance feed reads raw points after a high-water mark (DESIGN §12). SQLite has its rowid for that;
    /// here a generated id (never written by the portal) serves, indexed for the range read. PostgreSQL only.
    /// </summary>
    private static void AddPointLogIds(ModelBuilder modelBuilder)
    {
        // By table, not by type: Infrastructure must not name Monitoring's entity (docs/architecture.md).
        var points = modelBuilder.Entity(modelBuilder.Model.GetEntityTypes().Single(e => e.GetTableName() == "MetricPoints").Name);
        points.Property<long>(PointLogId).UseIdentityAlwaysColumn();
        points.HasIndex(PointLogId).IsUnique();
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
