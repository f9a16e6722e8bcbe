using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task A_second_instance_on_the_same_database_reads_what_the_first_protected()
    {
        using var first = new PortalAppFactory();
        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies").Protect("signed-in as Ada");
        await using (var db = await first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        }

        using var second = new PortalAppFactory { DatabasePath = first.DatabasePath, OwnsDatabase = false };
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies").Unprotect(secret);

        Assert.Equal("signed-in as Ada", read);
    }
}
