using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// A sign-in address (user@domain) that, when a narrow column cannot hold it, wraps after the @ rather than in the
/// middle of a word ("contoso.exa" / "mple").
/// </summary>
public static class BreakableAddress
{
    public static RenderFragment For(string? address) => builder =>
    {
        var at = address?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            builder.AddContent(0, address);
            return;
        }

        builder.AddContent(1, address![..(at + 1)]);
        builder.AddMarkupContent(2, "<wbr>");
        builder.AddContent(3, address[(at + 1)..]);
    };
}
