using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace MlOpsPortal.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Deployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeploymentRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelVersionId = table.Column<int>(type: "int", nullable: false),
                    EnvironmentId = table.Column<int>(type: "int", nullable: false),
                    State = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RequiredApprovals = table.Column<int>(type: "int", nullable: false),
                    ApprovalRound = table.Column<int>(type: "int", nullable: false),
                    ApprovalCount = table.Column<int>(type: "int", nullable: false),
                    Justification = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    PlannedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RequesterId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    RequesterName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RegistrantId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    RegistrantName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StateChangedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StateChangedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    DecisionComment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ApprovedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ApprovalExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeployedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PipelineRunUrl = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    GatesJson = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeploymentRequests_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeploymentRequests_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeploymentRequests_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeploymentSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    WebhookUrl = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    WebhookSecret = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnvironmentPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EnvironmentId = table.Column<int>(type: "int", nullable: false),
                    ApprovalsLow = table.Column<int>(type: "int", nullable: false),
                    ApprovalsMedium = table.Column<int>(type: "int", nullable: false),
                    ApprovalsHigh = table.Column<int>(type: "int", nullable: false),
                    ApprovalsCritical = table.Column<int>(type: "int", nullable: false),
                    ValidityDays = table.Column<int>(type: "int", nullable: false),
                    QualityGate = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    QualityMaxAgeDays = table.Column<int>(type: "int", nullable: false),
                    DocumentationGate = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DocumentationThreshold = table.Column<int>(type: "int", nullable: false),
                    NamingGate = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CiGate = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CiMinCoveragePercent = table.Column<double>(type: "float", nullable: false),
                    CiMaxFailedTests = table.Column<int>(type: "int", nullable: false),
                    CiMaxCriticalVulnerabilities = table.Column<int>(type: "int", nullable: false),
                    CiMaxHighVulnerabilities = table.Column<int>(type: "int", nullable: false),
                    AlertsGate = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnvironmentPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnvironmentPolicies_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RecipientId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    DedupKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Critical = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeploymentApprovals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<int>(type: "int", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    ApproverId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ApproverName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ApprovedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeploymentApprovals_DeploymentRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DeploymentRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DeploymentSettings",
                columns: new[] { "Id", "UpdatedAtUtc", "UpdatedBy", "WebhookSecret", "WebhookUrl" },
                values: new object[] { 1, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", null, null });

            migrationBuilder.InsertData(
                table: "EnvironmentPolicies",
                columns: new[] { "Id", "AlertsGate", "ApprovalsCritical", "ApprovalsHigh", "ApprovalsLow", "ApprovalsMedium", "CiGate", "CiMaxCriticalVulnerabilities", "CiMaxFailedTests", "CiMaxHighVulnerabilities", "CiMinCoveragePercent", "DocumentationGate", "DocumentationThreshold", "EnvironmentId", "NamingGate", "QualityGate", "QualityMaxAgeDays", "UpdatedAtUtc", "UpdatedBy", "ValidityDays" },
                values: new object[,]
                {
                    { 1, "Advisory", 0, 0, 0, 0, "Advisory", 0, 0, 0, 70.0, "Advisory", 80, 1, "Advisory", "Off", 30, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", 365 },
                    { 2, "Blocking", 1, 1, 1, 1, "Blocking", 0, 0, 0, 70.0, "Blocking", 80, 2, "Blocking", "Advisory", 30, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", 180 },
                    { 3, "Blocking", 2, 2, 1, 1, "Blocking", 0, 0, 0, 70.0, "Blocking", 80, 3, "Blocking", "Blocking", 30, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system", 90 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentApprovals_RequestId_Round_ApproverId",
                table: "DeploymentApprovals",
                columns: new[] { "RequestId", "Round", "ApproverId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRequests_EnvironmentId",
                table: "DeploymentRequests",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRequests_ModelId_EnvironmentId_State",
                table: "DeploymentRequests",
                columns: new[] { "ModelId", "EnvironmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRequests_ModelVersionId",
                table: "DeploymentRequests",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentRequests_State_ApprovalExpiresAtUtc",
                table: "DeploymentRequests",
                columns: new[] { "State", "ApprovalExpiresAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_EnvironmentPolicies_EnvironmentId",
                table: "EnvironmentPolicies",
                column: "EnvironmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "RecipientId", "ReadAtUtc" });

            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER DeploymentApprovals_MakerChecker ON DeploymentApprovals
                AFTER INSERT, UPDATE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM inserted a JOIN DeploymentRequests r ON r.Id = a.RequestId
                               WHERE r.RequesterId = a.ApproverId OR r.RegistrantId = a.ApproverId)
                        THROW 51002, ''Maker-checker: the requester or the registrant of the version cannot approve it'', 1;
                END');
                EXEC(N'CREATE TRIGGER DeploymentRequests_MakerChecker ON DeploymentRequests
                AFTER UPDATE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM inserted r JOIN DeploymentApprovals a ON a.RequestId = r.Id
                               WHERE r.RequesterId = a.ApproverId OR r.RegistrantId = a.ApproverId)
                        THROW 51002, ''Maker-checker: the requester or the registrant of the version cannot approve it'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS DeploymentApprovals_MakerChecker;
                DROP TRIGGER IF EXISTS DeploymentRequests_MakerChecker;
                """);

            migrationBuilder.DropTable(
                name: "DeploymentApprovals");

            migrationBuilder.DropTable(
                name: "DeploymentSettings");

            migrationBuilder.DropTable(
                name: "EnvironmentPolicies");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "DeploymentRequests");
        }
    }
}
