using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlOpsPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Incidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    EnvironmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SignalKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SourceRef = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SourceLink = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SignalCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HoldReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ResolutionCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ResolutionNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ImpactStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClockKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResponseTarget = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolutionTarget = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseWarningSent = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResolutionWarningSent = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Incidents_Environments_EnvironmentId",
                        column: x => x.EnvironmentId,
                        principalTable: "Environments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Incidents_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Incidents_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    PolicyJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Signals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    EnvironmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SourceRef = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Signals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentHolds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentHolds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentHolds_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentReviews",
                columns: table => new
                {
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RootCause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ContributingFactors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ActionItems = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentReviews", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_IncidentReviews_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentTimeline",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentTimeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentTimeline_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentHolds_IncidentId",
                table: "IncidentHolds",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_AssigneeId",
                table: "Incidents",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_DetectedAtUtc",
                table: "Incidents",
                column: "DetectedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_EnvironmentId",
                table: "Incidents",
                column: "EnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ModelId_State",
                table: "Incidents",
                columns: new[] { "ModelId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ModelVersionId",
                table: "Incidents",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_SignalKey_State",
                table: "Incidents",
                columns: new[] { "SignalKey", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_State_Priority",
                table: "Incidents",
                columns: new[] { "State", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentTimeline_IncidentId_AtUtc",
                table: "IncidentTimeline",
                columns: new[] { "IncidentId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Signals_DedupKey",
                table: "Signals",
                column: "DedupKey");

            migrationBuilder.CreateIndex(
                name: "IX_Signals_ProcessedAtUtc",
                table: "Signals",
                column: "ProcessedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentHolds");

            migrationBuilder.DropTable(
                name: "IncidentReviews");

            migrationBuilder.DropTable(
                name: "IncidentSettings");

            migrationBuilder.DropTable(
                name: "IncidentTimeline");

            migrationBuilder.DropTable(
                name: "Signals");

            migrationBuilder.DropTable(
                name: "Incidents");
        }
    }
}
