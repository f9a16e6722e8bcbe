using System.IO.Compression;
using System.Text;
using MlOpsPortal.Features.Reports;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The CSV download: one file per table, opened by a spreadsheet as data and never as formulas.</summary>
public sealed class ReportCsvTests
{
    private static readonly ReportDocument Sample = ReportDocumentSamples.Executive();

    [Fact]
    public void A_table_is_a_header_and_a_line_per_row_with_invariant_numbers_iso_times_and_formula_safe_text()
    {
        var bytes = ReportCsv.Render(Sample.FindTable(ReportDocumentSamples.AttentionTable)!);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        Assert.Equal(
            [
                "Model,Owner,Health,Open incidents,Last data,Approval expires",
                $"churn-predictor,{ReportDocumentSamples.NonAsciiName},0.625,2,2025-03-24T17:05:00.0000000Z,2025-06-30",
                "'=cmd|' /C calc'!A0,Ana Lima,0.9,0,,2025-04-12",
                "fraud-scorer,,0.75,1234,2025-03-31T22:15:00.0000000Z,2025-03-20",
            ],
            Lines(bytes));
    }

    [Fact]
    public void Numbers_keep_a_decimal_point_whatever_the_servers_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var lines = Lines(ReportCsv.Render(Sample.FindTable(ReportDocumentSamples.DeploymentsTable)!));

            Assert.Equal("Request,Model,Environment,Requested,Approved,Lead time (hours)", lines[0]);
            Assert.Equal("DR-1001,model-01,staging,2025-03-02T00:30:00.0000000Z,2025-03-02,20.75", lines[2]);
            Assert.Equal(ReportDocumentSamples.DeploymentRows + 1, lines.Count);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_zip_holds_one_csv_per_table_key_including_empty_tables_and_zips_the_same_report_to_the_same_bytes()
    {
        var zipped = ReportCsv.Zip(Sample);
        using var zip = new ZipArchive(new MemoryStream(zipped), ZipArchiveMode.Read);

        Assert.Equal(
            [$"{ReportDocumentSamples.AttentionTable}.csv", $"{ReportDocumentSamples.LapsedTable}.csv", $"{ReportDocumentSamples.RefusedTable}.csv", $"{ReportDocumentSamples.DeploymentsTable}.csv"],
            zip.Entries.Select(e => e.FullName));
        using (var lapsed = new StreamReader(zip.GetEntry($"{ReportDocumentSamples.LapsedTable}.csv")!.Open(), Encoding.UTF8))
        {
            Assert.Equal("Model,Lapsed\r\n", lapsed.ReadToEnd());
        }

        using var deployments = new MemoryStream();
        zip.GetEntry($"{ReportDocumentSamples.DeploymentsTable}.csv")!.Open().CopyTo(deployments);
        Assert.Equal(ReportCsv.Render(Sample.FindTable(ReportDocumentSamples.DeploymentsTable)!), deployments.ToArray());
        Assert.Equal(zipped, ReportCsv.Zip(ReportDocument.FromJson(Sample.ToJson())));
    }

    private static List<string> Lines(byte[] csv) =>
        [.. Encoding.UTF8.GetString(csv.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
}
