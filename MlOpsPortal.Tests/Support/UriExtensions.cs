namespace MlOpsPortal.Tests.Support;

public static class UriExtensions
{
    /// <summary>Path and query of a redirect target, whether the server sent it absolute or relative.</summary>
    public static string PathAndQueryOf(this Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
