using System.Security.Claims;
using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditActorTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test", "name", ClaimTypes.Role));

    [Fact]
    public void Object_id_is_preferred_over_other_identifiers()
    {
        var actor = AuditActor.From(Principal(
            ("sub", "pairwise-subject"),
            (ClaimTypes.NameIdentifier, "name-identifier"),
            (AuditActor.ObjectIdentifierClaimType, "long-oid"),
            ("oid", "short-oid"),
            ("name", "Dana Reviewer")));

        Assert.Equal(new AuditActor("short-oid", "Dana Reviewer"), actor);
    }

    [Theory]
    [InlineData(AuditActor.ObjectIdentifierClaimType)]
    [InlineData(ClaimTypes.NameIdentifier)]
    [InlineData("sub")]
    public void Falls_back_through_the_identifier_claims_in_order(string presentType)
    {
        string[] order = ["oid", AuditActor.ObjectIdentifierClaimType, ClaimTypes.NameIdentifier, "sub"];
        var claims = order
            .SkipWhile(type => type != presentType)
            .Select(type => (type, type == presentType ? "expected" : "lower-priority"))
            .Append(("name", "Dana"))
            .ToArray();

        Assert.Equal("expected", AuditActor.From(Principal(claims)).Id);
    }

    [Fact]
    public void Name_falls_back_to_the_identity_name_and_then_to_the_id()
    {
        Assert.Equal("Dana", AuditActor.From(Principal(("oid", "o-1"), ("name", "Dana"))).Name);
        Assert.Equal("o-1", AuditActor.From(Principal(("oid", "o-1"))).Name);

        var withIdentityName = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("oid", "o-2"), new Claim(ClaimTypes.Name, "dana@example.com")], "test"));
        Assert.Equal("dana@example.com", AuditActor.From(withIdentityName).Name);
    }

    [Fact]
    public void A_principal_without_identity_is_anonymous()
    {
        Assert.Equal(AuditActor.Anonymous, AuditActor.From(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Equal(AuditActor.Anonymous, AuditActor.From(null));
        Assert.Equal("system", AuditActor.System.Id);
    }
}
