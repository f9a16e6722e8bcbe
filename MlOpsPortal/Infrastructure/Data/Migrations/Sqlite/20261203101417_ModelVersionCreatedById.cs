using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            // Backfill: the registrant's id is the actor of the version's first registration event, whose entity id
            // is "{model key}/{number}". Written out here because a migration must not change after it ships.
            // Only ModelVersions is updated; AuditEvents is append-only and only read.
            migrationBuilder.Sql("""
                UPDATE ModelVersions
                SET CreatedById = (
                    SELECT e.ActorId
                    FROM AuditEvents AS e
                    WHERE e.Action = 'model-version.registered'
                      AND e.EntityType = 'ModelVersion'
                      AND e.EntityId = (SELECT m."Key" FROM Models AS m WHERE m.Id = ModelVersions.ModelId) || '/' || CAST(ModelVersions.Number AS TEXT)
                    ORDER BY e.Sequence
                    LIMIT 1)
                WHERE CreatedById IS NULL;
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
