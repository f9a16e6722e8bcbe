namespace MlOpsPortal.Features.Access;

public static class AccessLinks
{
    public const string People = "/access/people";
    public const string Log = "/access/log";

    public static string Person(string id) => $"{People}/{Uri.EscapeDataString(id)}";
}
