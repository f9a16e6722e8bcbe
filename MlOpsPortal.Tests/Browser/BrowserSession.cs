using Microsoft.Playwright;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

public static class BrowserSession
{
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
}
