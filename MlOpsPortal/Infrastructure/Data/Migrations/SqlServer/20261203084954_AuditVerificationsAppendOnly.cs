using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditVerificationsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written out rather than taken from AuditTriggers: a migration must not change after it ships.
            // Dynamic SQL because CREATE TRIGGER must start its batch (see the first migration).
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER AuditVerifications_AppendOnly ON AuditVerifications
                INSTEAD OF UPDATE, DELETE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    THROW 51000, ''AuditVerifications is append-only'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditVerifications_AppendOnly;");
        }
    }
}
