using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// What a refused person should ask for: the least privileged user role that opens the page they were refused, read
/// from the page's <see cref="AuthorizeAttribute"/> and <see cref="Policies.RolesFor"/>. The access-denied page links
/// to the request form with it; the form lives in Features/Access, so the link is built here as a plain path.
/// </summary>
public static class RoleToRequest
{
    /// <summary>The request form's path (<c>AccessLinks.NewRequest</c> builds the same link from the feature's side).</summary>
    public const string RequestPath = "/access/request";

    private static readonly Lazy<IReadOnlyList<(string[] Template, Type Page)>> Routes = new(ReadRoutes);

    /// <summary>
    /// The first user role other than Portal.Admin that satisfies the page's authorization, or null when the page names
    /// none (administration pages, or pages any signed-in person opens).
    /// </summary>
    public static string? For(Type? pageType)
    {
        if (pageType is null)
        {
            return null;
        }

        foreach (var authorize in pageType.GetCustomAttributes<AuthorizeAttribute>(inherit: true))
        {
            var roles = authorize.Policy is { } policy ? Policies.RolesFor(policy) : [];
            if (authorize.Roles is { } named)
            {
                roles = [.. roles, .. named.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            }

            if (roles.FirstOrDefault(r => r != PortalRoles.Admin && PortalRoles.UserRoles.Contains(r)) is { } role)
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>
    /// The routed component of the portal that <paramref name="path"/> opens, or null. Literal segments count more than
    /// parameters, so <c>/models/settings</c> is the settings page and not a model called "settings".
    /// </summary>
    public static Type? PageFor(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var end = path.IndexOfAny(['?', '#']);
        var segments = (end < 0 ? path : path[..end]).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        Type? best = null;
        var bestScore = -1;
        foreach (var (template, page) in Routes.Value)
        {
            if (Score(template, segments) is var score && score > bestScore)
            {
                best = page;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The request form for <paramref name="role"/> (none: the form asks), coming back to <paramref name="returnUrl"/>.</summary>
    public static string Link(string? role, string? returnUrl)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(role))
        {
            query.Add("role=" + Uri.EscapeDataString(role));
        }

        if (!string.IsNullOrEmpty(returnUrl))
        {
            query.Add("returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        return RequestPath + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }

    /// <summary>How well <paramref name="segments"/> fit a route template: 2 per literal, 1 per parameter, -1 when they do not.</summary>
    private static int Score(string[] template, string[] segments)
    {
        var score = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.StartsWith("{*", StringComparison.Ordinal))
            {
                return score;
            }

            if (part.StartsWith('{'))
            {
                if (i >= segments.Length)
                {
                    return part.EndsWith("?}", StringComparison.Ordinal) ? score : -1;
                }

                if (part.Contains(":int", StringComparison.OrdinalIgnoreCase) && !int.TryParse(segments[i], out _))
                {
                    return -1;
                }

                score++;
            }
            else if (i < segments.Length && string.Equals(part, segments[i], StringComparison.OrdinalIgnoreCase))
            {
                score += 2;
            }
            else
            {
                return -1;
            }
        }

        return template.Length == segments.Length ? score : -1;
    }

    private static IReadOnlyList<(string[] Template, Type Page)> ReadRoutes() =>
    [
        .. typeof(RoleToRequest).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false)
                .Select(r => (r.Template.Split('/', StringSplitOptions.RemoveEmptyEntries), t))),
    ];
}
