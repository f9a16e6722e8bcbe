using System.Text.RegularExpressions;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

/// <summary>
/// Migrations are frozen: what a migration applies is written in the migration. A migration that reads a live
/// constant (a trigger's SQL, say) is silently rewritten when someone edits that constant, after databases have
/// already applied the old text. So migration sources use nothing of the portal but the data namespace's own types
/// (the DbContexts the designer files name), and every <c>Sql(...)</c> takes a plain string literal.
/// </summary>
public sealed partial class MigrationsFrozenTests
{
    private static readonly string MigrationsFolder =
        Path.Combine(RepositoryPaths.Root, "MlOpsPortal", "Infrastructure", "Data", "Migrations");

    [Fact]
    public void Migrations_reference_nothing_outside_the_data_namespace()
    {
        var files = Directory.GetFiles(MigrationsFolder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        var offences = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(MigrationsFolder, file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (ForeignUsing().IsMatch(line) || TriggersReference().IsMatch(line) || NonLiteralSql().IsMatch(line))
                {
                    offences.Add($"{name}:{i + 1}: {line.Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0,
            "Migrations are frozen: write the SQL a migration applies in the migration itself (copy the constant's "
            + "text as it is today) instead of referring to code outside MlOpsPortal.Infrastructure.Data:"
            + Environment.NewLine + string.Join(Environment.NewLine, offences));
    }

    /// <summary>A using directive for a portal namespace other than <c>MlOpsPortal.Infrastructure.Data</c> (and below).</summary>
    [GeneratedRegex(@"^\s*using\s+(static\s+)?(\w+\s*=\s*)?(global::)?MlOpsPortal\.(?!Infrastructure\.Data\s*;|Infrastructure\.Data\.)")]
    private static partial Regex ForeignUsing();

    /// <summary>A member of one of the portal's trigger classes (AuditTriggers, QualityReportTriggers, ...).</summary>
    [GeneratedRegex(@"\b\w*Triggers\.\w+")]
    private static partial Regex TriggersReference();

    /// <summary><c>Sql(</c> whose argument is anything but a plain (verbatim or raw) string literal.</summary>
    [GeneratedRegex(@"\.Sql\(\s*(?!@?""|$)")]
    private static partial Regex NonLiteralSql();
}
