using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    LastUsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Datasets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BusinessUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UseCase = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RiskTier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    LatestVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegistrySettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelKeyPattern = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DatasetKeyPattern = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequiredCardSections = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrySettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DatasetVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DatasetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Schema = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DatasetVersions_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Framework = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ArtifactUri = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ArtifactSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SourceRepository = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SourceCommit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PipelineRunUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Hyperparameters = table.Column<string>(type: "TEXT", nullable: false),
                    TrainingMetrics = table.Column<string>(type: "TEXT", nullable: false),
                    CardIntendedUse = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardOutOfScopeUse = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardTrainingData = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardEvaluationData = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardMetrics = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardLimitations = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardEthicalConsiderations = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CardCaveatsAndRecommendations = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelVersions_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CiEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TestsPassed = table.Column<int>(type: "INTEGER", nullable: false),
                    TestsFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    CoveragePercent = table.Column<double>(type: "REAL", nullable: false),
                    LintWarnings = table.Column<int>(type: "INTEGER", nullable: false),
                    VulnerabilitiesCritical = table.Column<int>(type: "INTEGER", nullable: false),
                    VulnerabilitiesHigh = table.Column<int>(type: "INTEGER", nullable: false),
                    VulnerabilitiesMedium = table.Column<int>(type: "INTEGER", nullable: false),
                    VulnerabilitiesLow = table.Column<int>(type: "INTEGER", nullable: false),
                    PipelineRunUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CiEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CiEvidence_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LineageLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DatasetVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LineageLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LineageLinks_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LineageLinks_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "RegistrySettings",
                columns: new[] { "Id", "DatasetKeyPattern", "ModelKeyPattern", "RequiredCardSections", "UpdatedAtUtc", "UpdatedBy" },
                values: new object[] { 1, "^[a-z][a-z0-9-]{2,62}$", "^[a-z][a-z0-9-]{2,62}$", "[0,2,3,4,5]", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "system" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CiEvidence_ModelVersionId_RecordedAtUtc",
                table: "CiEvidence",
                columns: new[] { "ModelVersionId", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Datasets_Key",
                table: "Datasets",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DatasetVersions_DatasetId_Label",
                table: "DatasetVersions",
                columns: new[] { "DatasetId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LineageLinks_DatasetVersionId",
                table: "LineageLinks",
                column: "DatasetVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_LineageLinks_ModelVersionId_DatasetVersionId_Role",
                table: "LineageLinks",
                columns: new[] { "ModelVersionId", "DatasetVersionId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Models_BusinessUnit",
                table: "Models",
                column: "BusinessUnit");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Key",
                table: "Models",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Models_Owner",
                table: "Models",
                column: "Owner");

            migrationBuilder.CreateIndex(
                name: "IX_Models_RiskTier",
                table: "Models",
                column: "RiskTier");

            migrationBuilder.CreateIndex(
                name: "IX_Models_UpdatedAtUtc",
                table: "Models",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_ModelId_Number",
                table: "ModelVersions",
                columns: new[] { "ModelId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "CiEvidence");

            migrationBuilder.DropTable(
                name: "LineageLinks");

            migrationBuilder.DropTable(
                name: "RegistrySettings");

            migrationBuilder.DropTable(
                name: "DatasetVersions");

            migrationBuilder.DropTable(
                name: "ModelVersions");

            migrationBuilder.DropTable(
                name: "Datasets");

            migrationBuilder.DropTable(
                name: "Models");
        }
    }
}
