using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Tests.Infrastructure.Data;

public sealed class DbErrorsTests
{
    /// <summary>On SQL Server a conflict is recognised by index name: the names the services look for must exist.</summary>
    [Theory]
    [InlineData(typeof(Model), "IX_Models_Key")]
    [InlineData(typeof(ModelVersion), "IX_ModelVersions_ModelId_Number")]
    [InlineData(typeof(Dataset), "IX_Datasets_Key")]
    [InlineData(typeof(DatasetVersion), "IX_DatasetVersions_DatasetId_Label")]
    public void The_unique_indexes_that_mean_conflict_have_the_names_the_services_expect(Type entity, string index)
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var unique = db.Model.FindEntityType(entity)!.GetIndexes().Where(i => i.IsUnique).Select(i => i.GetDatabaseName());

        Assert.Contains(index, unique);
    }
}
