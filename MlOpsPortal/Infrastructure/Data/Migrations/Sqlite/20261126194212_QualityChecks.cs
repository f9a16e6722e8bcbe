using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Checks = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Cron = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Checks = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ColumnCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DriftedShare = table.Column<double>(type: "REAL", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
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
                unique: true);

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
                CREATE TRIGGER QualityReports_NoUpdate BEFORE UPDATE ON QualityReports
                BEGIN
                    SELECT RAISE(ABORT, 'Quality reports are immutable');
                END;
                CREATE TRIGGER QualityReports_KeepFails BEFORE DELETE ON QualityReports WHEN OLD.Status = 'Fail'
                BEGIN
                    SELECT RAISE(ABORT, 'Quality reports are immutable: a Fail is kept');
                END;
                CREATE TRIGGER QualityReportChecks_NoUpdate BEFORE UPDATE ON QualityReportChecks
                BEGIN
                    SELECT RAISE(ABORT, 'Quality reports are immutable');
                END;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS QualityReports_NoUpdate;
                DROP TRIGGER IF EXISTS QualityReports_KeepFails;
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
