using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

/// <summary>
/// No SQL Server runs here, so the T-SQL the portal would send one is checked up to that boundary: Microsoft's own
/// parser (ScriptDom) reads each text as SQL Server 2019 (compatibility level 150) would, the oldest version the
/// README supports. What a parser cannot see (names, types, locks, plans) stays unproven.
/// </summary>
public sealed class SqlServerSyntaxTests
{
    private static readonly Type MetricsStore =
        typeof(PortalDbContext).Assembly.GetType("MlOpsPortal.Features.Monitoring.SqlServerMetricsStore", throwOnError: true)!;

    public static TheoryData<string> MetricsStoreStatements()
    {
        var data = new TheoryData<string>();
        foreach (var field in Statements(MetricsStore))
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Fact]
    public void The_metrics_store_keeps_its_sql_in_constants_this_test_reads()
    {
        // Its writes, its idempotency claim, its series lookup, the point writers' lock and the point log's two reads.
        Assert.Subset(
            Statements(MetricsStore).Select(f => f.Name).ToHashSet(),
            new HashSet<string> { "TakePointWritersLock", "Staging", "StorePoints", "ClaimBatchKey", "FindOrAddSeries", "RecordAccepted", "LastIdSql", "ReadAfterSql" });
    }

    [Theory]
    [MemberData(nameof(MetricsStoreStatements))]
    public void Each_statement_of_the_sql_server_metrics_store_parses(string name)
    {
        var sql = (string)MetricsStore.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

        AssertParses(name, sql);
    }

    [Fact]
    public void The_migration_script_parses()
    {
        AssertParses(MigrationTests.SqlServerScript, File.ReadAllText(Path.Combine(RepositoryPaths.Root, MigrationTests.SqlServerScript)));
    }

    [Fact]
    public void The_audit_triggers_parse()
    {
        foreach (var trigger in AuditTriggers.SqlServer)
        {
            AssertParses(trigger.Name, trigger.CreateSql);
            AssertParses(trigger.Name + " (drop)", trigger.DropSql);
        }
    }

    [Fact]
    public void The_parser_reports_what_sql_server_2019_would_refuse()
    {
        // Guards the guard: a syntax error, and a SQL Server 2022 form that 2019 does not know.
        Assert.NotEmpty(Errors("SELECT Id FROM WHERE Id > 1"));
        Assert.NotEmpty(Errors("SELECT 1 WHERE 1 IS NOT DISTINCT FROM 1"));
        Assert.Empty(Errors("SELECT TOP (@limit) Id FROM MetricPoints WHERE Id > @after ORDER BY Id"));
    }

    private static IEnumerable<FieldInfo> Statements(Type type) =>
        type.GetFields(BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string));

    private static void AssertParses(string what, string sql)
    {
        var errors = Errors(sql);
        Assert.True(errors.Count == 0, $"{what}: " + string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")));
    }

    private static IList<ParseError> Errors(string sql)
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }
}
