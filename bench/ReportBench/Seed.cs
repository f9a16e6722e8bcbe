using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Data;

/// <summary>
/// A year of a 1,000-model portfolio. Small tables go through EF; the large ones (daily snapshots, hourly rollups, raw
/// points) through one prepared command each in one transaction, as the metrics writer does: seeding through the services
/// would measure seeding.
/// </summary>
internal static class Seed
{
    private static readonly string[] Statuses = ["Healthy", "Healthy", "Healthy", "Warning", "Critical", "NoData"];
    private static readonly int[] LatencyBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, int.MaxValue];

    public static async Task RunAsync(IServiceProvider services, string path, ReportScope scope, int models)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var from = scope.FromUtc;
        var tiers = Enum.GetValues<RiskTier>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            for (var i = 0; i < models; i++)
            {
                var model = new Model
                {
                    Key = $"model-{i:0000}", DisplayName = $"Model {i}", Owner = i % 50 == 0 ? "" : $"Owner {i % 97}", BusinessUnit = $"Unit {i % 12}",
                    RiskTier = tiers[i % tiers.Length], LatestVersion = 1, CreatedBy = "bench", UpdatedBy = "bench", CreatedAtUtc = from.AddDays(-30), UpdatedAtUtc = from,
                    Versions = [new ModelVersion { Number = 1, CreatedBy = "bench", CreatedAtUtc = from.AddDays(-30), Card = Card(i) }],
                };
                model.RefreshSearchText();
                db.Models.Add(model);
            }

            await db.SaveChangesAsync();
        }

        var ids = await Query(factory, db => db.ModelVersions.Select(v => new { v.ModelId, v.Id }).ToDictionaryAsync(v => v.ModelId, v => v.Id));
        await DeploymentsAsync(factory, ids, from);
        await QualityAsync(factory, ids, from);
        await IncidentsAsync(factory, from, scope.ToUtc);
        await UsageAsync(services.GetRequiredService<UsageCounts>(), scope);
        await BulkAsync(path, ids.Keys.Order().ToList(), scope);
    }

    private static ModelCard Card(int i)
    {
        var card = new ModelCard { IntendedUse = "x", TrainingData = "x", EvaluationData = "x", Metrics = "x" };
        card.Limitations = i % 7 == 0 ? null : "x";
        return card;
    }

    private static async Task<T> Query<T>(IDbContextFactory<PortalDbContext> factory, Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Per model: staging then production twice a year, approved and deployed; every third model a development request rejected.</summary>
    private static async Task DeploymentsAsync(IDbContextFactory<PortalDbContext> factory, Dictionary<int, int> versions, DateTime from)
    {
        await using var db = await factory.CreateDbContextAsync();
        foreach (var (modelId, versionId) in versions)
        {
            for (var round = 0; round < 2; round++)
            {
                var start = from.AddDays((modelId % 150) + (round * 180)).AddHours(modelId % 24);
                foreach (var (environment, offset) in new[] { (2, 0), (3, 7) })
                {
                    var requested = start.AddDays(offset);
                    var approved = requested.AddHours(2 + (modelId % 30));
                    var deployed = approved.AddHours(1 + (modelId % 10));
                    db.DeploymentRequests.Add(new DeploymentRequest
                    {
                        ModelId = modelId, ModelVersionId = versionId, EnvironmentId = environment, RiskTier = RiskTier.Medium, RequiredApprovals = 1,
                        ApprovalCount = 1, Justification = "Bench.", RequesterId = "bench", RequesterName = "Bench", RegistrantName = "Bench",
                        CreatedAtUtc = requested, ApprovedAtUtc = approved, DeployedAtUtc = deployed, ApprovalExpiresAtUtc = approved.AddDays(round == 0 ? 200 : 365),
                        State = round == 0 ? DeploymentState.Superseded : DeploymentState.Deployed, StateChangedAtUtc = round == 0 ? start.AddDays(180) : deployed,
                    });
                }
            }

            if (modelId % 3 == 0)
            {
                var requested = from.AddDays(modelId % 300);
                db.DeploymentRequests.Add(new DeploymentRequest
                {
                    ModelId = modelId, ModelVersionId = versionId, EnvironmentId = 1, RiskTier = RiskTier.Medium, RequiredApprovals = 1, Justification = "Bench.",
                    RequesterId = "bench", RequesterName = "Bench", RegistrantName = "Bench", CreatedAtUtc = requested, State = DeploymentState.Rejected,
                    StateChangedAtUtc = requested.AddHours(5),
                });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A report every four weeks per model, with data quality, data drift and performance checks.</summary>
    private static async Task QualityAsync(IDbContextFactory<PortalDbContext> factory, Dictionary<int, int> versions, DateTime from)
    {
        foreach (var chunk in versions.Chunk(200))
        {
            await using var db = await factory.CreateDbContextAsync();
            var runs = new List<(CheckRun Run, QualityReport Report)>();
            foreach (var (modelId, versionId) in chunk)
            {
                for (var week = 0; week < 52; week += 4)
                {
                    var at = from.AddDays((week * 7) + (modelId % 7)).AddHours(2);
                    var drifted = (modelId + week) % 9 == 0;
                    var run = new CheckRun { ModelId = modelId, ModelVersionId = versionId, RequestedBy = "bench", RequestedAtUtc = at, State = CheckRunState.Succeeded };
                    var report = new QualityReport
                    {
                        ModelId = modelId, ModelVersionId = versionId, CreatedAtUtc = at, Status = drifted ? QualityStatus.Fail : QualityStatus.Pass, Content = "{}", Sha256 = new string('a', 64),
                        Checks =
                        [
                            new QualityReportCheck { Kind = CheckKind.DataQuality, Status = QualityStatus.Pass, Summary = "ok" },
                            new QualityReportCheck { Kind = CheckKind.DataDrift, Status = drifted ? QualityStatus.Fail : QualityStatus.Pass, DriftedShare = drifted ? 0.6 : 0.1, Summary = "drift" },
                            new QualityReportCheck { Kind = CheckKind.ModelPerformance, Status = QualityStatus.Pass, Summary = "ok" },
                        ],
                    };
                    runs.Add((run, report));
                    db.CheckRuns.Add(run);
                }
            }

            await db.SaveChangesAsync();
            foreach (var (run, report) in runs)
            {
                report.RunId = run.Id;
                db.QualityReports.Add(report);
            }

            await db.SaveChangesAsync();
        }
    }

    /// <summary>1,500 incidents over the year, every priority, acknowledged and resolved.</summary>
    private static async Task IncidentsAsync(IDbContextFactory<PortalDbContext> factory, DateTime from, DateTime to)
    {
        await using var db = await factory.CreateDbContextAsync();
        var step = (to - from) / 1_500;
        for (var i = 0; i < 1_500; i++)
        {
            var detected = from + (step * i);
            var priority = (IncidentPriority)(1 + (i % 4));
            db.Incidents.Add(new Incident
            {
                Title = $"Incident {i}", Impact = Impact.Medium, Urgency = Urgency.Medium, Priority = priority, State = IncidentState.Closed,
                ImpactStartUtc = detected.AddMinutes(-5), DetectedAtUtc = detected, AcknowledgedAtUtc = detected.AddMinutes(5 + (i % 40)), AcknowledgedBy = "Sam",
                ResolvedAtUtc = detected.AddHours(1 + (i % 9)), ClosedAtUtc = detected.AddDays(3), ResolutionCode = ResolutionCode.Fixed,
                ClockKind = SlaClockKind.AroundTheClock, ResponseTarget = TimeSpan.FromMinutes(priority <= IncidentPriority.P2 ? 30 : 240),
                ResolutionTarget = TimeSpan.FromHours(8), CreatedById = "bench", CreatedByName = "Bench", CreatedAtUtc = detected, ChangedBy = "Bench", ChangedAtUtc = detected,
            });
        }

        await db.SaveChangesAsync();
    }

    private static Task UsageAsync(UsageCounts usage, ReportScope scope)
    {
        var counts = new List<UsageCount>();
        for (var day = scope.FirstDay; day <= scope.LastDay; day = day.AddDays(1))
        {
            foreach (var (bound, index) in LatencyBuckets.Select((b, i) => (b, i)))
            {
                var subject = bound.ToString(CultureInfo.InvariantCulture);
                counts.Add(new UsageCount(day, UsageKinds.PageLatency, subject, Math.Max(1, 400 >> index)));
                counts.Add(new UsageCount(day, UsageKinds.ApiLatency, subject, Math.Max(1, 2_000 >> index)));
            }

            foreach (var feature in new[] { "models", "deployments", "quality", "incidents", "access", "reports" })
            {
                counts.Add(new UsageCount(day, UsageKinds.PageView, feature, 120));
            }
        }

        return usage.AddHistoryAsync(counts, []);
    }

    /// <summary>
    /// Daily snapshots per model in production; per model one production metric a day (hourly rollups for the year, raw
    /// points for the last 35 days, as retention leaves them); the portal's CPU and memory every minute (hourly rollups for
    /// the year, raw points for the last 35 days).
    /// </summary>
    private static async Task BulkAsync(string path, List<int> models, ReportScope scope)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        await using (var insert = Command(connection, transaction, "INSERT INTO PortfolioSnapshots (Day, ModelId, Environment, Score, Status, TakenAtUtc) VALUES ($day, $model, 'production', $score, $status, $taken)"))
        {
            for (var day = scope.FirstDay; day <= scope.LastDay; day = day.AddDays(1))
            {
                foreach (var model in models)
                {
                    var status = Statuses[(model + day.DayNumber) % Statuses.Length];
                    Set(insert, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), model, status == "NoData" ? null : 90 - (status.Length * 3), status,
                        day.ToDateTime(new TimeOnly(0, 15)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    await insert.ExecuteNonQueryAsync();
                }
            }
        }

        var fromMs = new DateTimeOffset(scope.FromUtc).ToUnixTimeMilliseconds();
        var toMs = new DateTimeOffset(scope.ToUtc).ToUnixTimeMilliseconds();
        var rawFromMs = toMs - (35L * 86_400_000);
        await using var series = Command(connection, transaction, "INSERT INTO MetricSeries (ModelId, EnvironmentId, MetricName) VALUES ($model, 3, $name) RETURNING Id");
        await using var rollup = Command(connection, transaction,
            "INSERT INTO MetricRollups (SeriesId, Resolution, BucketStartMs, Count, Sum, Min, Max, Last, LastTimestampMs) VALUES ($s, 2, $b, $c, $sum, $min, $max, $last, $lt)");
        await using var point = Command(connection, transaction, "INSERT INTO MetricPoints (SeriesId, TimestampMs, Value) VALUES ($s, $t, $v)");

        foreach (var model in models.Where(m => m % 10 != 0))
        {
            Set(series, model, MetricNames.Auc);
            var id = (long)(await series.ExecuteScalarAsync())!;
            for (var t = fromMs + ((model % 24) * 3_600_000L); t < toMs; t += 86_400_000)
            {
                Set(rollup, id, t - (t % 3_600_000), 1, 0.9, 0.9, 0.9, 0.9, t);
                await rollup.ExecuteNonQueryAsync();
                if (t >= rawFromMs)
                {
                    Set(point, id, t, 0.9);
                    await point.ExecuteNonQueryAsync();
                }
            }
        }

        foreach (var (name, value) in new[] { (MetricNames.SystemCpu, 12.5), (MetricNames.SystemMemory, 512.0) })
        {
            Set(series, DBNull.Value, name);
            var id = (long)(await series.ExecuteScalarAsync())!;
            for (var hour = fromMs; hour < toMs; hour += 3_600_000)
            {
                Set(rollup, id, hour, 60, value * 60, value, value * 1.5, value, hour + 3_540_000);
                await rollup.ExecuteNonQueryAsync();
            }

            for (var t = rawFromMs; t < toMs; t += 60_000)
            {
                Set(point, id, t, value);
                await point.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
