using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortalMetricsOnTheStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SystemMetricSamples");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SystemMetricSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CpuPercent = table.Column<double>(type: "REAL", nullable: false),
                    GcHeapMb = table.Column<double>(type: "REAL", nullable: false),
                    MinuteUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestsPerMinute = table.Column<double>(type: "REAL", nullable: false),
                    WorkingSetMb = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemMetricSamples", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SystemMetricSamples_MinuteUtc",
                table: "SystemMetricSamples",
                column: "MinuteUtc",
                unique: true);
        }
    }
}
