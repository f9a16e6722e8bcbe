using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// Searches are written once with EF.Functions.Like, which SQLite (ASCII) and SQL Server's default collation compare
/// case-insensitively; PostgreSQL's LIKE is case-sensitive, so on PostgreSQL every Like in a query becomes ILIKE before
/// it is translated and "CHURN" finds "churn-model" on every provider.
/// </summary>
internal sealed class CaseInsensitiveLike : ExpressionVisitor, IQueryExpressionInterceptor
{
    public static readonly CaseInsensitiveLike Instance = new();

    private static readonly Dictionary<System.Reflection.MethodInfo, System.Reflection.MethodInfo> ILikeFor = new()
    {
        [Method(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), 3)] =
            Method(typeof(NpgsqlDbFunctionsExtensions), nameof(NpgsqlDbFunctionsExtensions.ILike), 3),
        [Method(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), 4)] =
            Method(typeof(NpgsqlDbFunctionsExtensions), nameof(NpgsqlDbFunctionsExtensions.ILike), 4),
    };

    private CaseInsensitiveLike()
    {
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => Visit(queryExpression);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        return ILikeFor.TryGetValue(visited.Method, out var iLike) ? Expression.Call(iLike, visited.Arguments) : visited;
    }

    private static System.Reflection.MethodInfo Method(Type type, string name, int parameters) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters
            && m.GetParameters().Skip(1).All(p => p.ParameterType == typeof(string)));
}
