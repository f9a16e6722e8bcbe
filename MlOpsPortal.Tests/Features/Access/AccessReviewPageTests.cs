using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The review pages against the real service and database, as a reviewer and an administrator use them.</summary>
public sealed class AccessReviewPageTests : AccessReviewTestContext, IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        bunit.UsePortalServices(Services, Clock, typeof(AccessReviews), typeof(AccessReviewJob), typeof(PeopleDirectory), typeof(IAuthorizationService), typeof(IAuthorizationPolicyProvider));
    }

    // MudBlazor's services dispose asynchronously only; the components go before the services they use.
    public override async Task DisposeAsync()
    {
        await bunit.DisposeAsync();
        await base.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => bunit.DisposeAsync();

    [Fact]
    public async Task A_reviewer_sees_their_own_item_without_buttons_and_must_justify_a_deny()
    {
        var review = await Reviews.StartAsync(Personas.Admin, new AccessReviewInput("Everyone", [PortalRoles.ModelsContributor, PortalRoles.SupportEngineer],
            ReviewerChoice.SupportEngineers, null, 14));
        var page = Render<AccessReviewPage>(Personas.Support, new Dictionary<string, object?> { [nameof(AccessReviewPage.Id)] = review.Id });

        page.WaitForAssertion(() => Assert.Contains("0 of 3 decided", page.Find("[data-testid=review-header]").TextContent, StringComparison.Ordinal));
        Assert.Equal("You cannot review your own access: another reviewer decides it.", page.Find("[data-testid=item-refusal]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=deny]").Count);
        Assert.Contains("No sign-in for 45 days", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=evidence-csv]"));

        page.Find("[aria-label=\"Deny Ina Inactive's Models.Contributor\"]").Click();
        page.WaitForElement("[data-testid=confirm-decision]").Click();
        page.WaitForAssertion(() => Assert.Contains("Say why the access is denied", page.Markup, StringComparison.Ordinal));
        var justification = page.Find("[data-testid=decision-justification] textarea, textarea[data-testid=decision-justification]");
        justification.Change("Has not worked here since September");
        page.Find("[data-testid=confirm-decision]").Click();

        page.WaitForAssertion(() => Assert.Contains("1 of 3 decided", page.Find("[data-testid=review-header]").TextContent, StringComparison.Ordinal));
        Assert.Equal(ReviewDecision.Deny, (await ItemAsync(review.Id, Ina, PortalRoles.ModelsContributor)).Decision);
    }

    [Fact]
    public async Task The_list_shows_progress_and_due_date_and_offers_administrators_to_start_one()
    {
        var empty = Render<AccessReviewsPage>(Personas.Admin);
        empty.WaitForAssertion(() => Assert.Contains("No access reviews for you", empty.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
        await Reviews.StartAsync(Personas.Admin, Contributors());
        await bunit.DisposeComponentsAsync();

        var list = Render<AccessReviewsPage>(Personas.Admin);
        list.WaitForAssertion(() => Assert.Equal("0 of 2 decided", list.Find("[data-testid=review-progress]").TextContent.Trim()));
        Assert.NotEmpty(list.FindAll("[data-testid=start-review]"));
        await bunit.DisposeComponentsAsync();
        var auditor = Render<AccessReviewsPage>(Personas.Auditor);
        auditor.WaitForAssertion(() => Assert.Single(auditor.FindAll("[data-testid=review-link]")));
        Assert.Empty(auditor.FindAll("[data-testid=start-review]"));
        await bunit.DisposeComponentsAsync();
        var contributor = Render<AccessReviewsPage>(Personas.Contributor);
        contributor.WaitForAssertion(() => Assert.NotNull(contributor.Find("[data-testid=empty-state]")));
    }

    private IRenderedComponent<IComponent> Render<TPage>(Persona persona, IReadOnlyDictionary<string, object?>? parameters = null)
        where TPage : IComponent => bunit.RenderAs<TPage>(persona, parameters);
}
