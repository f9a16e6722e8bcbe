using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Quality;

public sealed partial class SampleUploadForm
{
    private const int ChunkBytes = 256 * 1024;

    // The service's refusals say who may upload which rows, so they are shown as it words them.
    private readonly ServerErrors errors = new(forbidden: null);
    private List<int> versions = [];
    private List<SampleRole> roles = [];
    private int? version;
    private SampleRole? role;
    private bool uploading;
    private int progress;
    private string? fileName;
    private Stored? result;
    private MudBlazor.MudFileUpload<IBrowserFile>? fileUpload;

    [Parameter, EditorRequired]
    public string ModelKey { get; set; } = string.Empty;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private QualitySamples Samples { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        var may = new List<SampleRole>();
        if ((await Authorization.AuthorizeAsync(user, Policies.UploadReferenceSamples)).Succeeded)
        {
            may.Add(SampleRole.Reference);
        }

        if ((await Authorization.AuthorizeAsync(user, Policies.RunQualityChecks)).Succeeded)
        {
            may.Add(SampleRole.Current);
        }

        roles = may;
        role ??= roles.Count > 0 ? roles[0] : null;
        versions = (await Models.GetModelAsync(ModelKey))?.Versions.Select(v => v.Version).ToList() ?? [];
        version ??= versions.Count > 0 ? versions[0] : null;
    }

    private static string RoleText(SampleRole role) => role == SampleRole.Reference ? "reference rows" : "current rows";

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        errors.Clear();
        result = null;
        fileName = file.Name;
        uploading = true;
        progress = 0;
        try
        {
            if (file.Size > QualitySamples.MaxBytes)
            {
                throw Infrastructure.Api.PortalValidationException.For("file", QualitySamples.TooLargeMessage(file.Size));
            }

            using var buffer = await ReadAsync(file);
            var stored = await Samples.UploadCsvAsync((await AuthenticationState).User, ModelKey, version, role, buffer);
            result = new Stored(role!.Value, version!.Value, file.Name, stored.RowCount, stored.ColumnCount);
        }
        catch (Exception ex) when (errors.Capture(ex, ["version", "role"]))
        {
        }
        finally
        {
            uploading = false;
            // Picking the same file again, corrected, must upload it again.
            if (fileUpload is not null)
            {
                await fileUpload.ClearAsync();
            }
        }
    }

    /// <summary>Reads the file from the browser in chunks, so the person sees how far a large sample has come.</summary>
    private async Task<MemoryStream> ReadAsync(IBrowserFile file)
    {
        var buffer = new MemoryStream((int)file.Size);
        await using var source = file.OpenReadStream(QualitySamples.MaxBytes);
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await source.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            var now = file.Size == 0 ? 100 : (int)(100 * buffer.Length / file.Size);
            if (now != progress)
            {
                progress = now;
                StateHasChanged();
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private sealed record Stored(SampleRole Role, int Version, string FileName, int Rows, int Columns);
}
