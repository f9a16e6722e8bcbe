using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>A contributor uploads samples on the model's Quality tab: stored as the API stores them, or refused in the API's words with nothing stored.</summary>
public sealed class SampleUploadFormTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly PortalAppFactory app = new();
    private readonly BunitContext bunit = new();
    private string model = string.Empty;

    public async Task InitializeAsync()
    {
        model = await QualityTestData.CreateModelAsync(app.Services, "upload");
        bunit.UsePortalServices(app.Services, TimeProvider.System,
            typeof(QualitySamples), typeof(ModelsService), typeof(CheckSuites), typeof(CheckRuns), typeof(QualityReports), typeof(IAuthorizationService));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await bunit.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_csv_is_stored_and_its_rows_and_columns_are_shown()
    {
        var tab = RenderTab(Personas.Contributor);

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("age,country\n31,DE\n45,FR\n,\n", "reference.csv"));

        var result = tab.WaitForElement("[data-testid='sample-result']").TextContent;
        Assert.Contains("reference rows of v1 from reference.csv: 3 rows", result, StringComparison.Ordinal);
        Assert.Contains("2 columns", result, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.DataSamples.SingleAsync());
        Assert.Equal((SampleRole.Reference, 3, 2), (stored.Role, stored.RowCount, stored.ColumnCount));
    }

    [Fact]
    public async Task An_invalid_csv_is_refused_with_the_apis_message_and_nothing_is_stored()
    {
        const string ragged = "a,b\n1,2\n3\n5,6\n";
        using var client = app.CreateClientAs(Personas.Contributor);
        using var api = await PostCsvAsync(client, ragged);
        var apiMessage = Assert.Single((await api.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file"));
        var tab = RenderTab(Personas.Contributor);

        tab.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(ragged, "ragged.csv"));

        var error = tab.WaitForElement("[data-testid='sample-error']").TextContent;
        Assert.Contains("ragged.csv was not stored.", error, StringComparison.Ordinal);
        Assert.Contains(apiMessage, error, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("[data-testid='sample-result']"));
        Assert.Equal(0, await app.QueryAsync(db => db.DataSamples.CountAsync()));
    }

    [Fact]
    public void A_business_viewer_gets_no_upload()
    {
        var tab = RenderTab(Personas.Business);

        tab.WaitForElement("[data-testid='quality-panel']");
        Assert.Empty(tab.FindAll("[data-testid='sample-upload']"));
    }

    private IRenderedComponent<IComponent> RenderTab(Persona persona) =>
        bunit.RenderAs<ModelQualityPanel>(persona, new Dictionary<string, object?>
        {
            [nameof(ModelQualityPanel.ModelKey)] = model,
            [nameof(ModelQualityPanel.VersionCount)] = 1,
        });

    private async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "ragged.csv");
        form.Add(new StringContent("1"), "version");
        form.Add(new StringContent("reference"), "role");
        return await client.PostAsync(new Uri($"/api/v1/models/{model}/samples", UriKind.Relative), form);
    }
}
