namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>Action names shared by more than one feature; feature-specific ones follow the same <c>area.verb</c> form.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignOut = "auth.sign-out";
    public const string AccessDenied = "auth.access-denied";
}
