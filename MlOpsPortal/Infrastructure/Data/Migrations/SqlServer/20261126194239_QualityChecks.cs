using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QualityChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CheckRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelVersionId = table.Column<int>(type: "int", nullable: false),
                    Checks = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Progress = table.Column<int>(type: "int", nullable: false),
                    Trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DedupKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReportId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckRuns_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CheckRuns_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CheckSuites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    Cron = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Checks = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Settings = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckSuites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckSuites_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DataSamples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelVersionId = table.Column<int>(type: "int", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RowCount = table.Column<int>(type: "int", nullable: false),
                    ColumnCount = table.Column<int>(type: "int", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    UploadedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataSamples_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DataSamples_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<int>(type: "int", nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelVersionId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Content = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityReports_CheckRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CheckRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityReports_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityReports_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityReportChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ReportId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    DriftedShare = table.Column<double>(type: "float", nullable: true),
                    Summary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityReportChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityReportChecks_QualityReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "QualityReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_DedupKey",
                table: "CheckRuns",
                column: "DedupKey",
                unique: true,
                filter: "[DedupKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_ModelId_RequestedAtUtc",
                table: "CheckRuns",
                columns: new[] { "ModelId", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_ModelVersionId",
                table: "CheckRuns",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckRuns_State",
                table: "CheckRuns",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_CheckSuites_ModelId",
                table: "CheckSuites",
                column: "ModelId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataSamples_ModelId",
                table: "DataSamples",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_DataSamples_ModelVersionId_Role_UploadedAtUtc",
                table: "DataSamples",
                columns: new[] { "ModelVersionId", "Role", "UploadedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityReportChecks_Kind_Status",
                table: "QualityReportChecks",
                columns: new[] { "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityReportChecks_ReportId",
                table: "QualityReportChecks",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityReports_ModelId_CreatedAtUtc",
                table: "QualityReports",
                columns: new[] { "ModelId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityReports_ModelVersionId_CreatedAtUtc",
                table: "QualityReports",
                columns: new[] { "ModelVersionId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityReports_RunId",
                table: "QualityReports",
                column: "RunId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityReports_Status_CreatedAtUtc",
                table: "QualityReports",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER QualityReports_Immutable ON QualityReports
                INSTEAD OF UPDATE, DELETE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted WHERE Status = ''Fail'')
                        THROW 51001, ''Quality reports are immutable'', 1;
                    DELETE FROM QualityReportChecks WHERE ReportId IN (SELECT Id FROM deleted);
                    DELETE FROM QualityReports WHERE Id IN (SELECT Id FROM deleted);
                END');
                EXEC(N'CREATE TRIGGER QualityReportChecks_NoUpdate ON QualityReportChecks
                INSTEAD OF UPDATE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    THROW 51001, ''Quality reports are immutable'', 1;
                END');
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS QualityReports_Immutable;
                DROP TRIGGER IF EXISTS QualityReportChecks_NoUpdate;
                """);

            migrationBuilder.DropTable(
                name: "CheckSuites");

            migrationBuilder.DropTable(
                name: "DataSamples");

            migrationBuilder.DropTable(
                name: "QualityReportChecks");

            migrationBuilder.DropTable(
                name: "QualityReports");

            migrationBuilder.DropTable(
                name: "CheckRuns");
        }
    }
}
