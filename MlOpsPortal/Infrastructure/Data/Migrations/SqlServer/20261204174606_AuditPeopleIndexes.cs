using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditPeopleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_EntityId",
                table: "AuditEvents",
                columns: new[] { "Action", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "ActorId", "OccurredAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_EntityId",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ActorId_OccurredAtUtc",
                table: "AuditEvents");
        }
    }
}
