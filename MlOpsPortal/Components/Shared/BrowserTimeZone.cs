using Microsoft.JSInterop;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// The viewer's time zone, asked of the browser once per circuit. Storage is UTC; people read local time.
/// Before the circuit is interactive (prerendering) there is no browser to ask, so times show in UTC until then.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;
    private Task<TimeZoneInfo>? lookup;

    /// <summary>The zone once the browser has told it; null before.</summary>
    public TimeZoneInfo? Known { get; private set; }

    public Task<TimeZoneInfo> GetAsync() => lookup ??= LookUpAsync();

    /// <summary>The zone, or null when the browser cannot be asked (circuit gone): for touches that may fall back to UTC.</summary>
    public async Task<TimeZoneInfo?> TryGetAsync()
    {
        try
        {
            return await GetAsync();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            return null;
        }
    }

    public static string Format(DateTime utc, TimeZoneInfo? zone, string format)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return zone is null || zone == TimeZoneInfo.Utc
            ? utc.ToString(format, System.Globalization.CultureInfo.InvariantCulture) + " UTC"
            : TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<TimeZoneInfo> LookUpAsync()
    {
        module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Shared/LocalTime.razor.js");
        var id = await module.InvokeAsync<string?>("timeZone");
        Known = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return Known;
    }

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone, and the module with it.
            }
        }
    }
}
