using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// The people tests act as: the development personas (one per role, plus the second approver that maker-checker
/// needs), someone signed in without a portal role, and custom identities where a test needs its own.
/// </summary>
public static class Personas
{
    public static Persona Admin { get; } = Development("dev-admin");

    public static Persona Contributor { get; } = Development("dev-contributor");

    public static Persona Approver { get; } = Development("dev-approver");

    public static Persona SecondApprover { get; } = Development(DevelopmentPersonas.SecondApproverId);

    public static Persona Support { get; } = Development("dev-support");

    public static Persona Executive { get; } = Development("dev-executive");

    public static Persona Business { get; } = Development("dev-business");

    public static Persona Auditor { get; } = Development("dev-auditor");

    /// <summary>The development persona without a role, who signs in through the development sign-in page and asks for one.</summary>
    public static Persona Newcomer { get; } = Development(DevelopmentPersonas.NewcomerId);

    /// <summary>Signed in (an Entra account the portal's app roles were never assigned to), so every role check fails.</summary>
    public static Persona NoRole { get; } = Custom("test-no-role", "Nico Norole");

    /// <summary>Every persona the test authentication handler signs requests in as; declared after the personas it lists.</summary>
    private static readonly Persona[] Known = [Admin, Contributor, Approver, SecondApprover, Support, Executive, Business, Auditor, Newcomer, NoRole];

    /// <summary>The development persona holding a role, for tests that go through every role.</summary>
    public static Persona ForRole(string role) => Find(DevelopmentPersonas.All.Single(p => p.Role == role).Id)!;

    /// <summary>A named persona by id, as the test authentication handler reads it from a request header.</summary>
    public static Persona? Find(string? id) => Known.FirstOrDefault(p => p.Id == id);

    /// <summary>
    /// Someone outside the named set, with the same claim shapes. Principals only: the test authentication handler
    /// signs requests in as the named personas.
    /// </summary>
    public static Persona Custom(string id, string name, params string[] roles) =>
        new(id, name, $"{id}@contoso.example", roles, null);

    public static TheoryData<string> AllIds()
    {
        var data = new TheoryData<string>();
        foreach (var persona in DevelopmentPersonas.All)
        {
            data.Add(persona.Id);
        }

        return data;
    }

    private static Persona Development(string id)
    {
        var persona = DevelopmentPersonas.Find(id) ?? throw new InvalidOperationException($"No development persona '{id}'.");
        return new Persona(persona.Id, persona.Name, persona.Email, persona.Role is null ? [] : [persona.Role], persona);
    }
}
