using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>With portal provisioning (the default) nothing lives outside the portal: the check says so, once per run.</summary>
public sealed class PortalDriftCheckTests(PortalServices portal) : IClassFixture<PortalServices>
{
    [Fact]
    public async Task With_portal_provisioning_the_check_records_that_there_is_nothing_to_compare()
    {
        var report = await portal.Services.GetRequiredService<AccessDriftJob>().RunAsync(CancellationToken.None);

        Assert.False(report.Compared);
        Assert.Empty(report.Outside);
        Assert.Empty(report.Missing);
        var read = await portal.Services.GetRequiredService<AccessDrift>().LatestAsync(Personas.Admin.Principal);
        Assert.NotNull(read);
        Assert.False(read.Compared);
        Assert.Equal(report.CheckedAtUtc, read.CheckedAtUtc);
    }
}
