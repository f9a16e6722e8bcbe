using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowersAndDatasetDerivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DerivedFromId",
                table: "DatasetVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelFollowers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelFollowers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelFollowers_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetVersions_DerivedFromId",
                table: "DatasetVersions",
                column: "DerivedFromId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelFollowers_ModelId_PersonId",
                table: "ModelFollowers",
                columns: new[] { "ModelId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelFollowers_PersonId",
                table: "ModelFollowers",
                column: "PersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_DatasetVersions_DatasetVersions_DerivedFromId",
                table: "DatasetVersions",
                column: "DerivedFromId",
                principalTable: "DatasetVersions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DatasetVersions_DatasetVersions_DerivedFromId",
                table: "DatasetVersions");

            migrationBuilder.DropTable(
                name: "ModelFollowers");

            migrationBuilder.DropIndex(
                name: "IX_DatasetVersions_DerivedFromId",
                table: "DatasetVersions");

            migrationBuilder.DropColumn(
                name: "DerivedFromId",
                table: "DatasetVersions");
        }
    }
}
