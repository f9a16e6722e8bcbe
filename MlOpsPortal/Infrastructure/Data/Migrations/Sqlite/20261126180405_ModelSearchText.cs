using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 6000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Models_BusinessUnit_RiskTier",
                table: "Models",
                columns: new[] { "BusinessUnit", "RiskTier" });

            // Existing models become searchable at once, not only after their next edit.
            migrationBuilder.Sql("UPDATE Models SET SearchText = lower(Key || char(10) || DisplayName || char(10) || Description || char(10) || UseCase || char(10) || Owner);");
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
