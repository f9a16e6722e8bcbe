using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CpuPercent = table.Column<double>(type: "float", nullable: false),
                    GcHeapMb = table.Column<double>(type: "float", nullable: false),
                    MinuteUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RequestsPerMinute = table.Column<double>(type: "float", nullable: false),
                    WorkingSetMb = table.Column<double>(type: "float", nullable: false)
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
