using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>) for each model it meets. A compiled query refuses a context
/// whose model is not the one it was compiled against, and one process can hold several: one per database provider,
/// and one per portal when tests host two instances side by side. Each model gets its own, compiled on first use.
/// </summary>
internal sealed class PerModelQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return byModel.GetValue(db.Model, _ => compile());
    }
}
