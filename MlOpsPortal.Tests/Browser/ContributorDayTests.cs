using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// Dana Scientist's day, in the browser only: the pipeline registered a version with its CI evidence and nothing else;
/// she uploads its samples, writes its card, sees the gates pass before she asks, and asks.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ContributorDayTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_contributor_makes_a_new_model_approvable_from_the_browser_alone()
    {
        var key = $"dana-day-{Guid.NewGuid().ToString("N")[..6]}";
        await RegisterAsThePipelineAsync(key);
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Contributor, RegistryLinks.Model(key));

        // Samples, on the Quality tab.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Quality" }).ClickAsync();
        await UploadAsync(page, Csv("reference.csv", shift: 0));
        await Assertions.Expect(page.GetByTestId("sample-result")).ToContainTextAsync("reference rows of v1 from reference.csv: 200 rows, 3 columns");
        await page.ChooseAsync("sample-role", "current rows");
        await UploadAsync(page, Csv("current.csv", shift: 1));
        await Assertions.Expect(page.GetByTestId("sample-result")).ToContainTextAsync("current rows of v1 from current.csv: 200 rows, 3 columns");
        await BrowserFixture.SaveScreenshotAsync(page, "contributor-samples-uploaded");

        // Before the card is written, the request dialog says what the documentation gate needs.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Deployments" }).ClickAsync();
        await page.GetByTestId("model-request-deployment").ClickAsync();
        await page.ChooseAsync("request-environment", "staging");
        await Assertions.Expect(page.GetByTestId("gate-summary")).ToHaveAttributeAsync("data-blocked", "true");
        await Assertions.Expect(page.Locator("[data-gate='documentation'] [data-testid='gate-need']")).ToContainTextAsync("5 sections missing — Intended use");
        await BrowserFixture.SaveScreenshotAsync(page, "contributor-gates-blocked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // The card, on the Model card tab.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Model card" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("missing-sections")).ToContainTextAsync("Limitations");
        await page.GetByTestId("edit-card").ClickAsync();
        foreach (var section in new[] { "IntendedUse", "TrainingData", "EvaluationData", "Metrics", "Limitations" })
        {
            await page.Locator($"[data-testid='card-{section}'] textarea, textarea[data-testid='card-{section}']").First.FillAsync($"{section}: written by Dana.");
        }

        await page.GetByTestId("save-card").ClickAsync();
        await Assertions.Expect(page.GetByTestId("documentation-percent")).ToHaveTextAsync("100%");
        await Assertions.Expect(page.GetByTestId("missing-sections")).ToHaveCountAsync(0);

        // The request: every blocking gate passes before it is made.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Deployments" }).ClickAsync();
        await page.GetByTestId("model-request-deployment").ClickAsync();
        await page.ChooseAsync("request-environment", "staging");
        await Assertions.Expect(page.GetByTestId("gate-summary")).ToHaveAttributeAsync("data-blocked", "false");
        foreach (var gate in new[] { DeploymentGates.DocumentationGateName, DeploymentGates.NamingGateName, DeploymentGates.CiGateName, DeploymentGates.AlertsGateName })
        {
            await Assertions.Expect(page.Locator($"[data-testid='gate-preview'] [data-gate='{gate}']")).ToHaveAttributeAsync("data-passed", "true");
        }

        await BrowserFixture.SaveScreenshotAsync(page, "contributor-gates-pass");
        await page.GetByTestId("request-justification").FillAsync("First release: samples and card complete.");
        await page.GetByTestId("submit-request").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/deployments/\d+$"));
        await Assertions.Expect(page.GetByTestId("deployment-state").First).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.Locator("[data-gate='documentation']")).ToHaveAttributeAsync("data-passed", "true");
        var samples = await browser.App.QueryAsync(db => db.DataSamples.Where(s => s.ModelVersionId == db.ModelVersions.Single(v => v.Model!.Key == key).Id)
            .Select(s => s.Role).ToListAsync());
        Assert.Equal([SampleRole.Reference, SampleRole.Current], samples.Order());
        await page.Context.CloseAsync();
    }

    /// <summary>What a CI pipeline leaves: the model, its first version without a card, and passing CI evidence.</summary>
    private async Task RegisterAsThePipelineAsync(string key)
    {
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        var pipeline = Personas.Admin.Principal;
        await models.CreateModelAsync(pipeline, new ModelInput(key, "Dana's first model", "", "Dana Scientist", "Retail", "", RiskTier.Medium, []));
        await models.RegisterVersionAsync(pipeline, key, new VersionInput("sklearn", "s3://m/model.bin", new string('d', 64), null, null, null, [], null, null, null));
        await models.RecordCiEvidenceAsync(pipeline, key, 1, new CiEvidenceInput(80, 0, 85, 0, new VulnerabilityCounts(0, 0, 0, 0), null));
    }

    private static FilePayload Csv(string name, int shift)
    {
        var csv = new StringBuilder("tenure,income,prediction\n");
        for (var i = 0; i < 200; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{(i + shift) % 48},{1000 + ((i * 7) % 300)},{(i % 3 == 0 ? 1 : 0)}\n");
        }

        return new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) };
    }

    /// <summary>As a person does: the button opens the file chooser, and the file is picked there.</summary>
    private static async Task UploadAsync(IPage page, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("choose-sample").ClickAsync());
        await chooser.SetFilesAsync(file);
    }
}
