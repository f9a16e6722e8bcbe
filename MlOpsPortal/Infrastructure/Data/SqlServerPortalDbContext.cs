using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
