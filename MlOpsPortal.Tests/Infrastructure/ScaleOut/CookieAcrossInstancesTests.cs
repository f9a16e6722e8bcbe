using System.Net;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.ScaleOut;

/// <summary>
/// Behind a load balancer a person's next request may reach the other instance: the sign-in cookie one instance issued
/// must be read by the other, which works only because the data-protection keys live in the shared database.
/// </summary>
public sealed class CookieAcrossInstancesTests : IDisposable
{
    private readonly TwoPortals portals = new(onPostgreSql: true, useTestAuthentication: false);

    public void Dispose() => portals.Dispose();

    [Fact]
    public async Task A_cookie_issued_by_one_instance_signs_the_person_in_on_the_other()
    {
        using var onA = new CookieClient(portals.A);
        using (var signIn = await onA.SignInAsync(Personas.Approver))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var onB = new CookieClient(portals.B);
        using (var anonymous = await onB.GetAsync("/"))
        {
            // Without the cookie B sends the person to sign in, so the 200 below is the cookie's doing.
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith(PortalAuth.LoginPath, anonymous.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        }

        onB.Cookies[CookieClient.AuthCookie] = onA.Cookies[CookieClient.AuthCookie];
        using var home = await onB.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
