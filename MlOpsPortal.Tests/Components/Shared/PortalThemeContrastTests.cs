using MlOpsPortal.Components.Shared;
using MudBlazor;
using MudBlazor.Utilities;

namespace MlOpsPortal.Tests.Components.Shared;

/// <summary>
/// Everything the theme writes is readable: WCAG AA asks for 4.5:1 between normal text and what is behind it, in both
/// the light and the dark palette.
/// </summary>
public sealed class PortalThemeContrastTests
{
    private const double AA = 4.5;

    private static readonly string[] StatusColours = ["Primary", "Secondary", "Info", "Success", "Warning", "Error"];

    public static TheoryData<bool, string> EveryStatusColourInEachMode()
    {
        var data = new TheoryData<bool, string>();
        foreach (var dark in new[] { false, true })
        {
            foreach (var colour in StatusColours)
            {
                data.Add(dark, colour);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusColourInEachMode))]
    public void A_filled_button_or_chip_is_readable(bool dark, string colour)
    {
        var palette = PaletteOf(dark);
        var fill = Colour(palette, colour);
        var text = Colour(palette, colour + "ContrastText");

        Assert.True(ContrastRatio(Over(text, fill), fill) >= AA, $"{colour} {fill} under {text}: {ContrastRatio(Over(text, fill), fill):0.00}:1");
    }

    [Theory]
    [MemberData(nameof(EveryStatusColourInEachMode))]
    public void Text_in_a_status_colour_is_readable_on_cards_and_on_the_page(bool dark, string colour)
    {
        var palette = PaletteOf(dark);
        var text = Colour(palette, colour);

        Assert.True(ContrastRatio(text, palette.Surface) >= AA, $"{colour} {text} on the surface {palette.Surface}: {ContrastRatio(text, palette.Surface):0.00}:1");
        Assert.True(ContrastRatio(text, palette.Background) >= AA, $"{colour} {text} on the background {palette.Background}: {ContrastRatio(text, palette.Background):0.00}:1");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Body_text_the_app_bar_and_the_drawer_are_readable(bool dark)
    {
        var palette = PaletteOf(dark);

        AssertReadable("primary text on the surface", palette.TextPrimary, palette.Surface);
        AssertReadable("secondary text on the surface", palette.TextSecondary, palette.Surface);
        AssertReadable("primary text on the background", palette.TextPrimary, palette.Background);
        AssertReadable("the app bar", palette.AppbarText, palette.AppbarBackground);
        AssertReadable("the drawer", palette.DrawerText, palette.DrawerBackground);
    }

    [Fact]
    public void The_ratio_is_WCAGs()
    {
        Assert.Equal(21, ContrastRatio(new MudColor("#000000"), new MudColor("#ffffff")), 2);
        Assert.Equal(1, ContrastRatio(new MudColor("#777777"), new MudColor("#777777")), 2);
        // WCAG's own example boundary: #767676 on white is the lightest grey that passes AA.
        Assert.Equal(4.54, ContrastRatio(new MudColor("#767676"), new MudColor("#ffffff")), 2);
        // Half-transparent black over white is the grey it looks like.
        Assert.Equal(new MudColor("#808080").ToString(), Over(new MudColor(0, 0, 0, 0.5), new MudColor("#ffffff")).ToString());
    }

    private static void AssertReadable(string what, MudColor text, MudColor behind)
    {
        var ratio = ContrastRatio(Over(text, behind), behind);
        Assert.True(ratio >= AA, $"{what}: {text} on {behind} is {ratio:0.00}:1");
    }

    private static Palette PaletteOf(bool dark) => dark ? PortalTheme.Value.PaletteDark : PortalTheme.Value.PaletteLight;

    private static MudColor Colour(Palette palette, string property) =>
        (MudColor)(typeof(Palette).GetProperty(property)?.GetValue(palette) ?? throw new ArgumentException($"The palette has no {property}.", nameof(property)));

    /// <summary>A colour with transparency as it shows over an opaque one.</summary>
    private static MudColor Over(MudColor top, MudColor behind)
    {
        var alpha = top.A / 255.0;
        byte Mix(byte front, byte back) => (byte)Math.Round(front * alpha + back * (1 - alpha), MidpointRounding.AwayFromZero);
        return new MudColor(Mix(top.R, behind.R), Mix(top.G, behind.G), Mix(top.B, behind.B), (byte)255);
    }

    private static double ContrastRatio(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor colour)
    {
        static double Linear(byte channel)
        {
            var c = channel / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Linear(colour.R) + 0.7152 * Linear(colour.G) + 0.0722 * Linear(colour.B);
    }
}
