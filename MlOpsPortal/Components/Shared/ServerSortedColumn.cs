using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// A MudDataGrid column whose rows the server sorts: clicking its header puts <see cref="SortField"/> in the grid's sort
/// definition, and its cells come from <c>CellTemplate</c>. MudBlazor's <c>PropertyColumn</c> would name the field too,
/// but it compiles its property expression (<c>Expression.Compile</c>) whenever it is given a new one, and Razor builds a
/// new one at every render: every prerendered request and every re-render in a circuit, 18 % of the models list's CPU
/// under load (PageBench, README round 11).
/// </summary>
/// <typeparam name="T">The grid's row type.</typeparam>
public sealed class ServerSortedColumn<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T> : TemplateColumn<T>
{
    public ServerSortedColumn() => Sortable = true;

    /// <summary>The name the page's ServerData callback reads from the sort definition (by convention the row's property name).</summary>
    [Parameter, EditorRequired]
    public string SortField { get; set; } = "";

    public override string PropertyName => SortField;
}
