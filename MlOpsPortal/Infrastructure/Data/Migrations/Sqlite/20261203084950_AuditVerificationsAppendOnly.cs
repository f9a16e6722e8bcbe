using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditVerificationsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written out rather than taken from AuditTriggers: a migration must not change after it ships.
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditVerifications_NoUpdate BEFORE UPDATE ON AuditVerifications
                BEGIN
                    SELECT RAISE(ABORT, 'AuditVerifications is append-only');
                END;
                CREATE TRIGGER AuditVerifications_NoDelete BEFORE DELETE ON AuditVerifications
                BEGIN
                    SELECT RAISE(ABORT, 'AuditVerifications is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS AuditVerifications_NoUpdate;
                DROP TRIGGER IF EXISTS AuditVerifications_NoDelete;
                """);
        }
    }
}
