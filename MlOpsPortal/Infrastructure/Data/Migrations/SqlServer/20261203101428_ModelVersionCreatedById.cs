using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ModelVersionCreatedById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedById",
                table: "ModelVersions",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            // Backfill: the registrant's id is the actor of the version's first registration event, whose entity id
            // is "{model key}/{number}". Written out here because a migration must not change after it ships.
            // Only ModelVersions is updated; AuditEvents is append-only and only read.
            // EXEC defers compiling the UPDATE: in the idempotent script it shares a batch with the ALTER TABLE that adds the column.
            migrationBuilder.Sql("""
                EXEC(N'UPDATE v
                SET v.CreatedById = (
                    SELECT TOP (1) e.ActorId
                    FROM AuditEvents AS e
                    WHERE e.Action = N''model-version.registered''
                      AND e.EntityType = N''ModelVersion''
                      AND e.EntityId = m.[Key] + N''/'' + CAST(v.Number AS nvarchar(11))
                    ORDER BY e.Sequence)
                FROM ModelVersions AS v
                INNER JOIN Models AS m ON m.Id = v.ModelId
                WHERE v.CreatedById IS NULL;')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "ModelVersions");
        }
    }
}
