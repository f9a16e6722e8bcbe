namespace MlOpsPortal.Features.Access;

public static class AccessLinks
{
    public const string People = "/access/people";

    public static string Person(string id) => $"{People}/{Uri.EscapeDataString(id)}";
}
