using System.Linq.Expressions;
using System.Threading.Channels;
using Bunit;
using Microsoft.AspNetCore.Components;
using MlOpsPortal.Components.Shared;
using MudBlazor;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Components.Shared;

/// <summary>
/// A server-paged list has no rows until its first server call returns. A pager reading "0-0 of 0" beside "Loading…"
/// tells a person there is nothing there; the pager appears with the rows, and stays while a reload is under way.
/// </summary>
public sealed class LoadedPagerTests : IAsyncDisposable
{
    private const string Pager = ".mud-table-pagination-toolbar";
    private const string LoadingText = "Loading rows…";
    private const string EmptyText = "No rows.";

    private readonly BunitContext bunit = new();
    private readonly Channel<TaskCompletionSource<int>> calls = Channel.CreateUnbounded<TaskCompletionSource<int>>();
    private int callCount;

    public LoadedPagerTests()
    {
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();

    private sealed class Row
    {
        public int Number { get; init; }
    }

    [Fact]
    public async Task A_table_shows_no_pager_until_its_first_rows_arrive()
    {
        var table = RenderTable();

        Assert.Contains(LoadingText, table.Markup, StringComparison.Ordinal);
        AssertNoPager(table);

        await AnswerAsync(total: 309);

        table.WaitForAssertion(() => Assert.Equal("1-25 of 309", PagerInfo(table)));
        Assert.Equal(25, table.FindAll("tbody tr.mud-table-row").Count);
    }

    [Fact]
    public async Task A_data_grid_shows_no_pager_until_its_first_rows_arrive()
    {
        var grid = RenderGrid();

        grid.WaitForAssertion(() => Assert.Contains(LoadingText, grid.Markup, StringComparison.Ordinal));
        AssertNoPager(grid);

        await AnswerAsync(total: 309);

        grid.WaitForAssertion(() => Assert.Equal("1-25 of 309", PagerInfo(grid)));
        Assert.Equal(25, grid.FindAll("tbody tr.mud-table-row").Count);
    }

    [Fact]
    public async Task A_data_grid_whose_page_renders_again_mid_load_still_shows_no_pager()
    {
        // Pages pass Loading="!RendererInfo.IsInteractive": a page rendering again while rows load resets the grid's Loading.
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(1, Volatile.Read(ref callCount)));

        grid.Render(ps => ps.Add(p => p.Loading, false));

        AssertNoPager(grid);
        await AnswerAsync(total: 40);
        grid.WaitForAssertion(() => Assert.Equal("1-25 of 40", PagerInfo(grid)));
    }

    [Fact]
    public async Task An_empty_list_shows_its_empty_text_and_no_pager()
    {
        var table = RenderTable();
        var grid = RenderGrid();

        await AnswerAsync(total: 0);
        await AnswerAsync(total: 0);

        table.WaitForAssertion(() => Assert.Contains(EmptyText, table.Markup, StringComparison.Ordinal));
        grid.WaitForAssertion(() => Assert.Contains(EmptyText, grid.Markup, StringComparison.Ordinal));
        AssertNoPager(table);
        AssertNoPager(grid);
    }

    [Fact]
    public async Task The_pager_stays_while_a_reload_is_under_way_and_goes_while_the_list_is_empty()
    {
        var grid = RenderGrid();
        await AnswerAsync(total: 309);
        grid.WaitForAssertion(() => Assert.Equal("1-25 of 309", PagerInfo(grid)));

        var reload = grid.InvokeAsync(grid.Instance.ReloadServerData);
        grid.WaitForAssertion(() => Assert.Equal(2, Volatile.Read(ref callCount)));
        Assert.Equal("1-25 of 309", PagerInfo(grid));

        await AnswerAsync(total: 0);
        await reload;
        grid.WaitForAssertion(() => Assert.Contains(EmptyText, grid.Markup, StringComparison.Ordinal));
        AssertNoPager(grid);

        var refill = grid.InvokeAsync(grid.Instance.ReloadServerData);
        await AnswerAsync(total: 12);
        await refill;
        grid.WaitForAssertion(() => Assert.Equal("1-12 of 12", PagerInfo(grid)));
    }

    [Fact]
    public async Task A_pager_given_no_parameters_appears_too_when_the_rows_arrive()
    {
        // Without a parameter that changes, the table's and grid's own renders leave the pager alone: MudTable and MudDataGrid
        // must tell it when their rows arrive, as they tell their own pagers.
        var table = RenderTable(withPageSizeOptions: false);
        var grid = RenderGrid(withPageSizeOptions: false);
        AssertNoPager(table);
        AssertNoPager(grid);

        await AnswerAsync(total: 30);
        await AnswerAsync(total: 30);

        table.WaitForAssertion(() => Assert.Equal("1-25 of 30", PagerInfo(table)));
        grid.WaitForAssertion(() => Assert.Equal("1-25 of 30", PagerInfo(grid)));
    }

    [Fact]
    public async Task The_page_size_options_reach_the_pager()
    {
        var table = RenderTable();
        await AnswerAsync(total: 309);
        table.WaitForAssertion(() => Assert.Equal("1-25 of 309", PagerInfo(table)));

        Assert.Equal([25, 50, 100], table.FindComponent<MudTablePager>().Instance.PageSizeOptions);
    }

    private IRenderedComponent<MudTable<Row>> RenderTable(bool withPageSizeOptions = true) =>
        bunit.Render<MudTable<Row>>(ps => ps
            .Add(p => p.ServerData, (state, _) => LoadTableAsync(state))
            .Add(p => p.RowsPerPage, 25)
            .Add(p => p.RowTemplate, row => $"<td>{row.Number}</td>")
            .Add(p => p.LoadingContent, LoadingText)
            .Add(p => p.NoRecordsContent, EmptyText)
            .Add<LoadedTablePager>(p => p.PagerContent, pager =>
            {
                if (withPageSizeOptions)
                {
                    pager.Add(p => p.PageSizeOptions, [25, 50, 100]);
                }
            }));

    private IRenderedComponent<MudDataGrid<Row>> RenderGrid(bool withPageSizeOptions = true) =>
        bunit.Render<MudDataGrid<Row>>(ps => ps
            .Add(p => p.ServerData, (state, _) => LoadGridAsync(state))
            .Add(p => p.Loading, false)
            .Add(p => p.RowsPerPage, 25)
            .Add(p => p.Columns, NumberColumn)
            .Add(p => p.LoadingContent, LoadingText)
            .Add(p => p.NoRecordsContent, EmptyText)
            .Add<LoadedDataGridPager<Row>>(p => p.PagerContent, pager =>
            {
                if (withPageSizeOptions)
                {
                    pager.Add(p => p.PageSizeOptions, [25, 50, 100]);
                }
            }));

    private static readonly RenderFragment NumberColumn = builder =>
    {
        builder.OpenComponent<PropertyColumn<Row, int>>(0);
        builder.AddComponentParameter(1, nameof(PropertyColumn<Row, int>.Property), (Expression<Func<Row, int>>)(row => row.Number));
        builder.CloseComponent();
    };

    private async Task<TableData<Row>> LoadTableAsync(TableState state)
    {
        var (total, rows) = await HoldAsync(state.Page, state.PageSize);
        return new TableData<Row> { TotalItems = total, Items = rows };
    }

    private async Task<GridData<Row>> LoadGridAsync(GridState<Row> state)
    {
        var (total, rows) = await HoldAsync(state.Page, state.PageSize);
        return new GridData<Row> { TotalItems = total, Items = rows };
    }

    /// <summary>A server call that returns only when the test answers it.</summary>
    private async Task<(int Total, Row[] Rows)> HoldAsync(int page, int pageSize)
    {
        var call = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref callCount);
        await calls.Writer.WriteAsync(call);
        var total = await call.Task;
        var first = page * pageSize;
        return (total, [.. Enumerable.Range(first + 1, Math.Clamp(total - first, 0, pageSize)).Select(n => new Row { Number = n })]);
    }

    /// <summary>Answers the oldest unanswered server call (waiting for it to be made) with <paramref name="total"/> rows in all.</summary>
    private async Task AnswerAsync(int total)
    {
        var call = await calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        call.SetResult(total);
    }

    private static void AssertNoPager<TComponent>(IRenderedComponent<TComponent> cut)
        where TComponent : IComponent
    {
        Assert.Empty(cut.FindAll(Pager));
        Assert.DoesNotContain("0-0 of 0", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows per page", cut.Markup, StringComparison.Ordinal);
    }

    private static string PagerInfo<TComponent>(IRenderedComponent<TComponent> cut)
        where TComponent : IComponent =>
        cut.Find($"{Pager} [translate=no]").TextContent.Trim(); // the range text, in both MudBlazor pagers
}
