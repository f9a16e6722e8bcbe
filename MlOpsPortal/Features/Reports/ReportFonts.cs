using PdfSharp.Fonts;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// The fonts report PDFs are drawn with: Liberation Sans, embedded in the portal's assembly, because PDFsharp on Linux
/// finds no system fonts by itself and a server may have none installed. Every family name resolves to it.
/// </summary>
internal static class ReportFonts
{
    public const string Family = "Liberation Sans";

    private const string RegularFace = "LiberationSans-Regular";
    private const string BoldFace = "LiberationSans-Bold";

    private static readonly Resolver Instance = new();
    private static readonly Lock Gate = new();

    /// <summary>
    /// Installs the resolver once per process. PDFsharp allows the global resolver to be set only before its first font
    /// operation (or again with the same instance), so concurrent first reports must not race to set it.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
        {
            return;
        }

        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    private sealed class Resolver : IFontResolver
    {
        private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
        private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));

        // Italic is simulated (slanted) rather than shipping two more faces; reports use it only for notes.
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? BoldFace : RegularFace, false, italic);

        public byte[]? GetFont(string faceName) => faceName switch
        {
            BoldFace => Bold.Value,
            RegularFace => Regular.Value,
            _ => null,
        };

        private static byte[] Load(string face)
        {
            var name = $"MlOpsPortal.Reports.Fonts.{face}.ttf";
            using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded font {name} is missing from the portal assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
