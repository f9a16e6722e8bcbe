using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
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
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    PrimaryMetric = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    HigherIsBetter = table.Column<bool>(type: "bit", nullable: false),
                    PrimaryThreshold = table.Column<double>(type: "float", nullable: true),
                    LatencySloMs = table.Column<double>(type: "float", nullable: false),
                    ErrorRateSlo = table.Column<double>(type: "float", nullable: false),
                    ExpectedCadenceMinutes = table.Column<int>(type: "int", nullable: false),
                    Weights = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
