using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModelHealthSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelHealthSettings",
                columns: table => new
                {
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    PrimaryMetric = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    HigherIsBetter = table.Column<bool>(type: "INTEGER", nullable: false),
                    PrimaryThreshold = table.Column<double>(type: "REAL", nullable: true),
                    LatencySloMs = table.Column<double>(type: "REAL", nullable: false),
                    ErrorRateSlo = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedCadenceMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Weights = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelHealthSettings", x => x.ModelId);
                    table.ForeignKey(
                        name: "FK_ModelHealthSettings_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelHealthSettings");
        }
    }
}
