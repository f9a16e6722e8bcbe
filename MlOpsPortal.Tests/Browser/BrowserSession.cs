using Microsoft.Playwright;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

public static class BrowserSession
{
    /// <summary>How long a person waits for what their click or typing should show before trying again.</summary>
    private const int RetryAfterMs = 3_000;

    /// <summary>Signs in through the development sign-in page, as a person would, and waits for the live page.</summary>
    public static async Task SignInAsync(this IPage page, Persona persona, string path = "/")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(persona);
        await page.GotoAsync(path);
        await page.Locator($"button[data-persona='{persona.Id}']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='user-menu'] button").First).ToHaveTextAsync(persona.Name);
        await page.WaitForLiveAsync();
    }

    /// <summary>Waits until the circuit is connected; clicks on a prerendered page would go nowhere.</summary>
    public static Task WaitForLiveAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
    }

    /// <summary>
    /// Opens a MudMenu (its element carries <paramref name="testId"/>) with a click, as a person would, and waits until it is open.
    /// </summary>
    /// <remarks>
    /// A click in the first moments after the page goes live can be dropped by Blazor itself: the layout's first
    /// renders (MudBlazor connecting its popovers) replace the button's event handler while the click is on its way, and
    /// the server answers "There is no event handler associated with this event" and does nothing (once in CI; with two
    /// busy loops beside the sign-in tests, 5 runs in 22). A person clicks again; so does this, once, and only when the
    /// menu still says it is closed.
    /// </remarks>
    public static async Task OpenMenuAsync(this IPage page, string testId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var activator = page.Locator($"[data-testid='{testId}'] button").First;
        await OnceMoreUnlessAsync(
            () => activator.ClickAsync(),
            () => Assertions.Expect(activator).ToHaveAttributeAsync("aria-expanded", "true", new() { Timeout = RetryAfterMs }));
        await Assertions.Expect(activator).ToHaveAttributeAsync("aria-expanded", "true");
    }

    /// <summary>Opens the MudSelect whose element carries <paramref name="testId"/> and picks <paramref name="option"/>.</summary>
    /// <remarks>Clicks the select once more when no list has opened: the click can be dropped as in <see cref="OpenMenuAsync"/>.</remarks>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        ArgumentNullException.ThrowIfNull(page);
        var select = page.GetByTestId(testId).Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").First;
        await OnceMoreUnlessAsync(
            () => select.ClickAsync(),
            () => Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync(new() { Timeout = RetryAfterMs }));
        await page.PickOptionAsync(option);
    }

    /// <summary>Types <paramref name="text"/> into a MudAutocomplete's <paramref name="input"/> and picks <paramref name="option"/> from its list.</summary>
    /// <remarks>
    /// Types once more when the option has not shown after a few seconds: the input event can be dropped as in
    /// <see cref="OpenMenuAsync"/>, here when the dialog holding the field was still rendering (once in CI: the list never
    /// opened and the pick waited out its timeout). A person whose typing showed nothing types again.
    /// </remarks>
    public static async Task SearchAndPickAsync(this IPage page, ILocator input, string text, string option)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(input);
        await OnceMoreUnlessAsync(
            () => input.FillAsync(text),
            () => Assertions.Expect(OpenOption(page, option)).ToBeVisibleAsync(new() { Timeout = RetryAfterMs }),
            again: async () =>
            {
                await input.FillAsync(string.Empty);
                await input.FillAsync(text);
            });
        await page.PickOptionAsync(option);
    }

    /// <summary>
    /// Clicks <paramref name="option"/> in the open list of a MudSelect or MudAutocomplete and waits until the list closes.
    /// </summary>
    /// <remarks>
    /// Clicks once more when the list stays open: the click can be dropped as in <see cref="OpenMenuAsync"/>, here while
    /// an autocomplete's list was still re-rendering its items (once in CI, on a busy machine).
    /// </remarks>
    public static async Task PickOptionAsync(this IPage page, string option)
    {
        ArgumentNullException.ThrowIfNull(page);
        var item = OpenOption(page, option);
        await OnceMoreUnlessAsync(
            () => item.ClickAsync(),
            () => Assertions.Expect(item).ToBeHiddenAsync(new() { Timeout = RetryAfterMs }));
        await Assertions.Expect(item).ToBeHiddenAsync();
    }

    /// <summary>
    /// Does <paramref name="act"/>, and once more (or <paramref name="again"/>) when <paramref name="shown"/> has not held
    /// within <see cref="RetryAfterMs"/>: the event can be dropped as <see cref="OpenMenuAsync"/> describes. Callers then
    /// wait for the outcome with the full timeout.
    /// </summary>
    private static async Task OnceMoreUnlessAsync(Func<Task> act, Func<Task> shown, Func<Task>? again = null)
    {
        await act();
        try
        {
            await shown();
        }
        catch (PlaywrightException)
        {
            await (again ?? act)();
        }
    }

    private static ILocator OpenOption(IPage page, string option) =>
        page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First;
}
