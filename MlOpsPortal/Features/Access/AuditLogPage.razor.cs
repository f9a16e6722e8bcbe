using Microsoft.AspNetCore.Components;
using MlOpsPortal.Infrastructure.Audit;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

public sealed partial class AuditLogPage
{
    private static readonly (string Label, string Prefix)[] ActionFilters =
    [
        ("All actions", string.Empty),
        ("Sign-ins", AuditActions.SignIn),
        ("Sign-outs", AuditActions.SignOut),
        ("Refused access", AuditActions.AccessDenied),
    ];

    private MudTable<AuditEvent>? table;
    private AuditVerification? verification;
    private bool verifying;
    private string? search;
    private string actionPrefix = string.Empty;
    private DateRange? dateRange;
    private long? expanded;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private VerifyAuditChainJob VerifyJob { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => verification = await Audit.LatestVerificationAsync();

    private async Task<TableData<AuditEvent>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Audit.ListAsync(new AuditQuery
        {
            PageIndex = state.Page,
            PageSize = state.PageSize,
            Search = search,
            ActionPrefix = string.IsNullOrEmpty(actionPrefix) ? null : actionPrefix,
            FromUtc = dateRange?.Start is { } start ? DateTime.SpecifyKind(start.Date, DateTimeKind.Utc) : null,
            ToUtc = dateRange?.End is { } end ? DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Utc) : null,
        }, cancellationToken);
        return new TableData<AuditEvent> { Items = page.Items, TotalItems = page.TotalCount };
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

    private Task OnSearchChanged(string? value)
    {
        search = value;
        return ReloadAsync();
    }

    private Task OnActionChanged(string value)
    {
        actionPrefix = value;
        return ReloadAsync();
    }

    private Task OnDateRangeChanged(DateRange? value)
    {
        dateRange = value;
        return ReloadAsync();
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private void ToggleDetails(TableRowClickEventArgs<AuditEvent> row) =>
        expanded = expanded == row.Item?.Sequence ? null : row.Item?.Sequence;

    private static Color ActionColor(string action) => action switch
    {
        AuditActions.AccessDenied => Color.Warning,
        AuditActions.SignIn or AuditActions.SignOut => Color.Info,
        _ => Color.Default,
    };
}
