using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MlOpsPortal.Features.Quality;

public sealed partial class QualityReportPage
{
    private QualityReportView? report;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loading = true;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private QualityReports Reports { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        report = await Reports.GetReportAsync(Id);
        breadcrumbs = [new("Quality reports", QualityLinks.Reports), new($"#{Id}", null, disabled: true)];
        loading = false;
    }

    private static string Title(CheckOutcome check) => CheckKinds.Parse(check.Kind)?.Title() ?? check.Kind;

    /// <summary>The statistics that did not decide the verdict, for readers who compare with other tools.</summary>
    private static string OtherStatistics(FeatureFinding feature)
    {
        var others = feature.Statistics.Where(s => s.Key != feature.Test && !(feature.PValue is not null && s.Key == feature.Test + "PValue"))
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:G3}"));
        var text = string.Join(" · ", others);
        return feature.Note is null ? text : $"{text} ({feature.Note})".Trim();
    }
}
