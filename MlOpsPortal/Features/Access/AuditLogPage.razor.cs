using Microsoft.AspNetCore.Components;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Audit;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The audit log as sentences, filtered by person or text, action family or action, and days; the filters live in the
/// address (<c>?q=&amp;action=&amp;from=&amp;to=</c>) so a reload or a shared link shows the same events, and the CSV export takes the same filters.
/// </summary>
public sealed partial class AuditLogPage
{
    private MudTable<AuditLine>? table;
    private AuditVerification? verification;
    private bool verifying;
    private AuditFilter filter = AuditFilter.None;
    private IReadOnlyList<OptionGroup>? actionFamilies;
    private long? expanded;

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? ActionQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private AuditNarrator Narrator { get; set; } = default!;

    [Inject]
    private VerifyAuditChainJob VerifyJob { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private AuditSentences Sentences => Narrator.Sentences;

    private DateRange? DateRange => filter.From is null && filter.To is null
        ? null
        : new DateRange(filter.From?.ToDateTime(TimeOnly.MinValue), filter.To?.ToDateTime(TimeOnly.MinValue));

    protected override async Task OnInitializedAsync() => verification = await Audit.LatestVerificationAsync();

    protected override async Task OnParametersSetAsync()
    {
        var next = new AuditFilter(string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery, string.IsNullOrEmpty(ActionQuery) ? null : ActionQuery,
            AuditFilter.Date(FromQuery), AuditFilter.Date(ToQuery));
        if (next != filter)
        {
            filter = next;
            if (table is not null)
            {
                await table.ReloadServerData();
            }
        }
    }

    private async Task<TableData<AuditLine>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Audit.ListAsync(filter.ToQuery(Sentences, state.Page, state.PageSize), cancellationToken);
        return new TableData<AuditLine> { Items = await Narrator.DescribeAsync(page.Items, cancellationToken), TotalItems = page.TotalCount };
    }

    private async Task VerifyNowAsync()
    {
        verifying = true;
        try
        {
            // The same work as the scheduled job (every 5 minutes), so the result is recorded for later comparison too.
            await VerifyJob.RunAsync(CancellationToken.None);
            verification = await Audit.LatestVerificationAsync();
            Snackbar.Add(verification?.IsValid == true ? "The audit chain is intact." : "Tampering found in the audit log: see the details.",
                verification?.IsValid == true ? Severity.Success : Severity.Error);
        }
        finally
        {
            verifying = false;
        }
    }

    private void OnSearchChanged(string? value) => Show(filter with { Search = string.IsNullOrWhiteSpace(value) ? null : value });

    private void OnActionChanged(string? value) => Show(filter with { Action = string.IsNullOrEmpty(value) ? null : value });

    private void OnDateRangeChanged(DateRange? value) => Show(filter with
    {
        From = value?.Start is { } start ? DateOnly.FromDateTime(start) : null,
        To = value?.End is { } end ? DateOnly.FromDateTime(end) : null,
    });

    /// <summary>The address carries the filter; replacing it (no new history entry, no reload) sets the parameters that reload the table.</summary>
    private void Show(AuditFilter next) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.Parameters), replace: true);

    /// <summary>Each family's actions under its label, the family itself first among them; the vocabulary is fixed, so built once.</summary>
    private IReadOnlyList<OptionGroup> ActionFamilies => actionFamilies ??= [.. Sentences.Families.Select(f =>
        new OptionGroup(f.Label, [(f.Key, $"All of {f.Label}"), .. Sentences.Actions.Where(f.Contains).Select(a => (a, a))]))];

    /// <summary>"All actions", and the chosen action when no family lists it (a link to an action since renamed), so the choice shows what filters the log.</summary>
    private IEnumerable<(string Value, string Label)> ActionChoices =>
        NativeSelect.WithAll("All actions", [], ActionFamilies.Any(g => g.Options.Any(o => o.Value == filter.Action)) ? null : filter.Action);

    private void ToggleDetails(TableRowClickEventArgs<AuditLine> row) =>
        expanded = expanded == row.Item?.Event.Sequence ? null : row.Item?.Event.Sequence;

    private static Color ActionColor(string action) => action switch
    {
        AuditActions.AccessDenied => Color.Warning,
        AuditActions.SignIn or AuditActions.SignOut => Color.Info,
        _ when action.EndsWith(".rejected", StringComparison.Ordinal) || action.EndsWith(".revoked", StringComparison.Ordinal) => Color.Error,
        _ when action.EndsWith(".approved", StringComparison.Ordinal) || action.EndsWith(".granted", StringComparison.Ordinal) => Color.Success,
        _ => Color.Default,
    };
}
