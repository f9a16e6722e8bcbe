using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// A person's report subscriptions: the form offers only the kinds they may read (the service checks again), with their
/// browser's time zone as the default; the list shows each next run in their local time.
/// </summary>
public sealed partial class ReportSubscriptionsPage
{
    private const string TimeZoneField = "timeZoneId";
    private const string DayOfWeekField = "dayOfWeek";
    private const string DayOfMonthField = "dayOfMonth";
    private const string EmailField = "email";
    private static readonly string[] Fields = [TimeZoneField, DayOfWeekField, DayOfMonthField, EmailField];
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly Lazy<string[]> Zones = new(() => [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal)]);

    private readonly ServerErrors errors = new(forbidden: null);
    private IReadOnlyList<ReportKind> kinds = [];
    private IReadOnlyList<ReportSubscriptionView> subscriptions = [];
    private bool loaded;
    private bool saving;
    private ReportKind kind;
    private ReportCadence cadence = ReportCadence.Weekly;
    private DayOfWeek dayOfWeek = DayOfWeek.Monday;
    private int dayOfMonth = 1;
    private TimeSpan? localTime = new(8, 0, 0);
    private string? timeZoneId;
    private string? email;
    private string? signInAddress;

    [Inject]
    private ReportSubscriptions Subscriptions { get; set; } = default!;

    [Inject]
    private ReportsService Reports { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string EmailHelp => signInAddress is { } address
        ? $"Empty: {address}, your sign-in address."
        : "Empty: no mail; the report is announced in the portal only.";

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        kinds = await Reports.ReadableKindsAsync(user);
        kind = kinds.Count > 0 ? kinds[0] : default;
        signInAddress = user.PrincipalName() is { } upn && ReportSubscriptions.IsEmailAddress(upn) ? upn : null;
        timeZoneId = TimeZone.Known?.Id;
        subscriptions = await Subscriptions.ListMineAsync(user);
        loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && timeZoneId is null && await TimeZone.TryGetAsync() is { } zone)
        {
            timeZoneId ??= zone.Id;
            StateHasChanged();
        }
    }

    private static Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<string>>(string.IsNullOrWhiteSpace(text) ? Zones.Value : Zones.Value.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private async Task SubscribeAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            var time = localTime is { } t ? TimeOnly.FromTimeSpan(t) : new TimeOnly(8, 0);
            var created = await Subscriptions.SubscribeAsync(user, kind, cadence, dayOfWeek, dayOfMonth, time, timeZoneId, email);
            Snackbar.Add($"Subscribed: the {created.Title.ToLowerInvariant()} arrives {created.Schedule}.", Severity.Success);
            subscriptions = await Subscriptions.ListMineAsync(user);
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }

    private async Task CancelAsync(ReportSubscriptionView subscription)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Cancel this subscription?",
            $"You stop receiving the {subscription.Title.ToLowerInvariant()} {subscription.Schedule}. Reports it already produced stay in the archive.",
            yesText: "Cancel subscription", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }

        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            await Subscriptions.CancelAsync(user, subscription.Id);
            Snackbar.Add($"Cancelled: no more {subscription.Title.ToLowerInvariant()} {subscription.Schedule}.", Severity.Success);
            subscriptions = await Subscriptions.ListMineAsync(user);
        }
        catch (Exception ex) when (errors.Capture(ex, []))
        {
        }
    }
}
