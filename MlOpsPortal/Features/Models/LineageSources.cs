namespace MlOpsPortal.Features.Models;

/// <summary>
/// The nodes for where a version's code came from: its source commit and the pipeline runs that built and checked it.
/// Only web addresses become links (https for a repository), so a repository named <c>git@host:…</c> or a stored <c>javascript:</c> text
/// never turns into something a person clicks.
/// </summary>
internal static class LineageSources
{
    public const int ShortShaLength = 7;

    public static string PipelineRunId(string url) => $"run:{url}";

    public static LineageNode PipelineRun(string url)
    {
        var web = WebAddress(url, allowHttp: true);
        var segments = web?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var last = segments.Length > 0 ? Uri.UnescapeDataString(segments[^1]) : url;
        var label = last.All(char.IsAsciiDigit) ? $"run #{last}" : last;
        return new LineageNode(PipelineRunId(url), LineageGraph.PipelineRunKind, label, web?.AbsoluteUri ?? string.Empty, web?.Host);
    }

    public static LineageNode Commit(string repository, string commit)
    {
        var sha = commit.Trim();
        var web = WebAddress(repository, allowHttp: false);
        var name = RepositoryName(repository);
        var href = web is null ? string.Empty : $"{web.AbsoluteUri.TrimEnd('/').RemoveSuffix(".git")}/commit/{Uri.EscapeDataString(sha)}";
        return new LineageNode($"commit:{repository.Trim()}@{sha}", LineageGraph.CommitKind,
            sha.Length > ShortShaLength ? sha[..ShortShaLength] : sha, href, name);
    }

    private static string? RepositoryName(string repository)
    {
        var text = repository.Trim().TrimEnd('/').RemoveSuffix(".git");
        if (text.Length == 0)
        {
            return null;
        }

        var cut = text.LastIndexOfAny(['/', ':']);
        return cut >= 0 && cut < text.Length - 1 ? text[(cut + 1)..] : text;
    }

    private static Uri? WebAddress(string? text, bool allowHttp) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            ? uri : null;

    private static string RemoveSuffix(this string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? text[..^suffix.Length] : text;
}
