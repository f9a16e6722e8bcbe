using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// What the cookie sign-in records (an <c>auth.sign-in</c> audit event with the person's roles and sign-in name), at the
/// portal's clock: the people directory, and so access requests and reviews, read people from these events.
/// </summary>
public static class SignIns
{
    public static async Task RecordSignInsAsync(this IServiceProvider services, params Persona[] people)
    {
        ArgumentNullException.ThrowIfNull(services);
        var audit = services.GetRequiredService<AuditLog>();
        foreach (var person in people)
        {
            await audit.RecordAsync(new AuditActor(person.Id, person.Name), PeopleDirectory.SignInAction, AuditQuery.UserEntityType, person.Id,
                new { roles = person.Roles, upn = person.Email }, CancellationToken.None);
        }
    }
}
