using Microsoft.EntityFrameworkCore;

namespace MlOpsPortal.Infrastructure.Data;

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);
