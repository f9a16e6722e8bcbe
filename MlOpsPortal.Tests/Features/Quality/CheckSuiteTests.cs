using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Quality.Statistics;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>A model's check suite: what is checked, on which schedule, with which thresholds; and who may change it.</summary>
public sealed class CheckSuiteTests(PortalServices app) : IClassFixture<PortalServices>
{
    private CheckSuites Suites => app.Services.GetRequiredService<CheckSuites>();

    [Fact]
    public async Task A_model_without_a_suite_shows_the_default_and_a_saved_suite_reads_back()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "suite");

        var initial = await Suites.GetSuiteAsync(model);
        Assert.False(initial.Configured);
        Assert.NotEmpty(initial.Checks);

        var settings = new CheckSuiteSettings
        {
            DatasetDriftShare = 0.3,
            IgnoredColumns = ["customer_id"],
            Features = { ["age"] = new FeatureSettings { Type = FeatureType.Numeric, DriftTest = DriftTest.PopulationStabilityIndex, DriftThreshold = 0.25, Min = 0, Max = 120 } },
        };
        var saved = await Suites.SaveSuiteAsync(Personas.Contributor, model,
            new CheckSuiteInput(true, " 30 6 * * 1 ", [CheckKind.DataDrift, CheckKind.DataQuality, CheckKind.DataDrift], settings));

        var read = await Suites.GetSuiteAsync(model);
        Assert.True(read.Configured);
        Assert.True(read.Enabled);
        Assert.Equal("30 6 * * 1", read.Cron);
        Assert.Equal("every Monday at 06:30 UTC", read.Schedule);
        Assert.Equal([CheckKind.DataQuality, CheckKind.DataDrift], read.Checks);
        Assert.Equal(0.3, read.Settings.DatasetDriftShare);
        Assert.Equal(["customer_id"], read.Settings.IgnoredColumns);
        var age = read.Settings.Features["age"];
        Assert.Equal(FeatureType.Numeric, age.Type);
        Assert.Equal(DriftTest.PopulationStabilityIndex, age.DriftTest);
        Assert.Equal(0.25, age.DriftThreshold);
        Assert.Equal(120, age.Max);
        Assert.Equal("Dana Scientist", read.UpdatedBy);
        Assert.Equal(saved.Checks, read.Checks);
    }

    public static TheoryData<string?> InvalidCrons() => new() { "61 * * * *", "every day", "", null, "0 24 * * *", "0 2 * 13 *", "*/0 * * * *", "0 2 * * * *" };

    [Theory]
    [MemberData(nameof(InvalidCrons))]
    public async Task An_invalid_schedule_is_refused_naming_the_field_and_nothing_is_saved(string? cron)
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "cron");

        var error = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, cron, [CheckKind.DataDrift], null)));

        Assert.True(error.Errors.ContainsKey("cron"), string.Join("; ", error.Errors.Keys));
        Assert.False((await Suites.GetSuiteAsync(model)).Configured);
        Assert.False(await RecurringJobExistsAsync(model));
    }

    [Fact]
    public async Task A_suite_without_checks_or_with_bad_thresholds_is_refused()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "nochecks");

        var none = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, "0 2 * * *", [], null)));
        Assert.Contains("data_drift", Assert.Single(none.Errors["checks"]), StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, "0 2 * * *", null, null)));
        Assert.True(missing.Errors.ContainsKey("checks"));

        var thresholds = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, "0 2 * * *", [CheckKind.DataDrift], new CheckSuiteSettings
            {
                DatasetDriftShare = 0,
                Features = { ["age"] = new FeatureSettings { Min = 10, Max = 1, DriftThreshold = -1 } },
            })));
        Assert.True(thresholds.Errors.ContainsKey("settings.datasetDriftShare"));
        Assert.True(thresholds.Errors.ContainsKey("settings.features.age"));

        var nowhere = await Assert.ThrowsAsync<PortalValidationException>(() =>
            Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, "0 2 * * *", [CheckKind.ModelPerformance], new CheckSuiteSettings { Environment = "moon" })));
        Assert.Equal("There is no environment 'moon'. Use one of: production, staging, development.", Assert.Single(nowhere.Errors["settings.environment"]));
        Assert.False((await Suites.GetSuiteAsync(model)).Configured);
    }

    [Theory]
    [InlineData("0 2 * * *", "every day at 02:00 UTC")]
    [InlineData("*/15 * * * *", "every 15 minutes")]
    [InlineData("30 6 * * 1", "every Monday at 06:30 UTC")]
    [InlineData("0 6 * * 1-5", "every weekday at 06:00 UTC")]
    [InlineData("15 * * * *", "every hour at minute 15")]
    [InlineData("0 9 1 * *", "on day 1 of every month at 09:00 UTC")]
    [InlineData("0 9 1 1 *", "on cron '0 9 1 1 *' (UTC)")]
    public void A_schedule_reads_as_people_say_it(string cron, string expected)
    {
        Assert.Null(CronText.Problem(cron));
        Assert.Equal(expected, CronText.Describe(cron));
    }

    [Fact]
    public async Task Readers_cannot_change_a_suite()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "readonly");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Suites.SaveSuiteAsync(Personas.Business, model, new CheckSuiteInput(true, "0 2 * * *", [CheckKind.DataDrift], null)));

        Assert.False((await Suites.GetSuiteAsync(model)).Configured);
        Assert.False(await RecurringJobExistsAsync(model));
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "quality-suite.saved" && e.EntityId == model)));
    }

    [Fact]
    public async Task Saving_schedules_a_recurring_job_disabling_removes_it_and_each_save_is_audited()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "schedule");

        await Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, "0 2 * * *", [CheckKind.DataDrift], null));

        var job = RecurringJob(model);
        Assert.NotNull(job);
        Assert.Equal("0 2 * * *", job.Cron);
        Assert.Equal(nameof(RunQualityChecksJob.RunScheduledAsync), job.Job.Method.Name);
        Assert.Equal(model, job.Job.Args[0]);

        await Suites.SaveSuiteAsync(Personas.Contributor, model, new CheckSuiteInput(true, "*/15 * * * *", [CheckKind.DataDrift], null));
        Assert.Equal("*/15 * * * *", RecurringJob(model)!.Cron);

        await Suites.SaveSuiteAsync(Personas.Admin, model, new CheckSuiteInput(false, "*/15 * * * *", [CheckKind.DataDrift], null));
        Assert.Null(RecurringJob(model));
        Assert.False((await Suites.GetSuiteAsync(model)).Enabled);

        var audited = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "quality-suite.saved" && e.EntityId == model)
            .OrderBy(e => e.Sequence).Select(e => e.ActorName).ToListAsync());
        Assert.Equal(["Dana Scientist", "Dana Scientist", "Ada Admin"], audited);
    }

    private RecurringJobDto? RecurringJob(string model)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == QualitySchedules.JobId(model));
    }

    private Task<bool> RecurringJobExistsAsync(string model) => Task.FromResult(RecurringJob(model) is not null);
}
