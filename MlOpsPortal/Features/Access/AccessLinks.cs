using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Access;

[FeatureContract]
public static class AccessLinks
{
    public const string People = "/access/people";
    public const string Log = "/access/log";

    /// <summary>A person's own roles, grants and requests.</summary>
    public const string MyAccess = "/access/my";

    /// <summary>The requests support engineers and administrators decide.</summary>
    public const string Requests = "/access/requests";

    public const string Reviews = "/access/reviews";

    public const string ApiKeys = "/access/api-keys";

    public const string AuditLog = "/audit";

    public static string Person(string id) => $"{People}/{Uri.EscapeDataString(id)}";

    public static string Request(int id) => $"{Requests}/{id}";

    public static string Review(int id) => $"{Reviews}/{id}";

    /// <summary>The request form for <paramref name="role"/>, coming back to <paramref name="returnUrl"/> once granted.</summary>
    public static string NewRequest(string? role, string? returnUrl = null)
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

        return "/access/request" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }
}
