using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ModelSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Models_BusinessUnit",
                table: "Models");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Models",
                type: "nvarchar(max)",
                maxLength: 6000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Models_BusinessUnit_RiskTier",
                table: "Models",
                columns: new[] { "BusinessUnit", "RiskTier" });

            // Existing models become searchable at once, not only after their next edit.
            // EXEC defers compiling the UPDATE until the column exists: the idempotent script runs each migration as one batch.
            migrationBuilder.Sql("EXEC(N'UPDATE Models SET SearchText = LOWER(CONCAT_WS(CHAR(10), [Key], DisplayName, Description, UseCase, Owner));')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Models_BusinessUnit_RiskTier",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Models");

            migrationBuilder.CreateIndex(
                name: "IX_Models_BusinessUnit",
                table: "Models",
                column: "BusinessUnit");
        }
    }
}
