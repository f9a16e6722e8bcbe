using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using MudBlazor;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The admin page against the real service and a real database, as an administrator uses it.</summary>
public sealed class ApiKeysPageTests : IAsyncDisposable
{
    private readonly PortalAppFactory app = new();
    private readonly BunitContext ctx = new();

    public ApiKeysPageTests()
    {
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton(app.Services.GetRequiredService<ApiKeysService>());
        ctx.Services.AddScoped<BrowserTimeZone>();
        ctx.Services.AddCascadingValue(_ => Personas.Admin.AuthenticationState);
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    // MudBlazor's services only dispose asynchronously.
    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public void Without_keys_the_page_says_so_and_offers_to_create_one()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_a_key_validates_shows_the_secret_once_and_lists_the_key()
    {
        var page = RenderPage();
        page.WaitForElement("[data-testid=create-key]").Click();

        page.WaitForElement("[data-testid=create]").Click();
        page.WaitForAssertion(() => Assert.Contains("Name is required", page.Markup, StringComparison.Ordinal));
        Input(page, "key-name-input").Change("nightly-training");
        page.Find("[data-testid=create]").Click();

        var secret = page.WaitForElement("[data-testid=secret] input, input[data-testid=secret]").GetAttribute("value")!;
        Assert.Matches("^mlp_[a-z2-7]{12}_", secret);
        Assert.Contains("will not be shown again", page.Find("[data-testid=shown-once-warning]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=done]").Click();

        page.WaitForAssertion(() => Assert.Equal("nightly-training", page.Find("[data-testid=key-name]").TextContent.Trim()));
        Assert.Equal("Active", page.Find("[data-testid=key-status]").TextContent.Trim());
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.ApiKeys.CountAsync(k => k.Name == "nightly-training")));
    }

    [Fact]
    public async Task Revoking_asks_for_a_reason_and_marks_the_key_revoked()
    {
        await app.CreateKeyAsync("retired-pipeline", PortalRoles.RegistryWrite);
        var page = RenderPage();
        page.WaitForElement("[aria-label='Revoke retired-pipeline']").Click();

        page.WaitForElement("[data-testid=confirm-revoke]").Click();
        page.WaitForAssertion(() => Assert.Contains("Reason is required", page.Markup, StringComparison.Ordinal));
        Input(page, "revoke-reason").Change("Pipeline retired");
        page.Find("[data-testid=confirm-revoke]").Click();

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid=key-status]").TextContent.Trim()));
        Assert.NotNull(await app.QueryAsync(db => db.ApiKeys.Where(k => k.Name == "retired-pipeline").Select(k => k.RevokedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Only_administrators_reach_the_page()
    {
        using var admin = app.CreateClientAs(Personas.Admin);
        using var contributor = app.CreateClientAs(Personas.Contributor);

        using var allowed = await admin.GetAsync(new Uri("/access/api-keys", UriKind.Relative));
        using var refused = await contributor.GetAsync(new Uri("/access/api-keys", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("X-Api-Key", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderPage() => ctx.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<ApiKeysPage>(3);
        builder.CloseComponent();
    });

    private static IElement Input(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea")!;
    }
}
