using Bunit;
using MlOpsPortal.Components.Shared;

namespace MlOpsPortal.Tests.Components.Shared;

/// <summary>A sign-in address in a narrow column wraps after its @, not inside the domain.</summary>
public sealed class BreakableAddressTests : IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public ValueTask DisposeAsync() => bunit.DisposeAsync();

    [Fact]
    public void The_only_break_offered_is_after_the_at_sign_and_the_text_is_unchanged()
    {
        var rendered = bunit.Render(BreakableAddress.For("ada.admin@contoso.example"));

        Assert.Equal("ada.admin@<wbr>contoso.example", rendered.Markup);
        Assert.Equal("ada.admin@contoso.example", rendered.Nodes.Select(n => n.TextContent).Aggregate(string.Concat));
    }

    [Theory]
    [InlineData("svc-pipeline")]
    [InlineData("")]
    public void A_name_without_an_at_sign_is_written_as_it_is(string name)
    {
        Assert.Equal(name, bunit.Render(BreakableAddress.For(name)).Markup);
    }

    [Fact]
    public void Markup_in_an_address_is_written_as_text()
    {
        Assert.Equal("&lt;b&gt;@<wbr>x", bunit.Render(BreakableAddress.For("<b>@x")).Markup);
    }
}
