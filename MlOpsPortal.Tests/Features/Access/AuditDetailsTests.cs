using Bunit;
using MlOpsPortal.Features.Access;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>An event's details read as a table of fields, before and after side by side, never as raw JSON unless asked.</summary>
public sealed class AuditDetailsTests : IAsyncDisposable
{
    private readonly BunitContext bunit = new();

    public AuditDetailsTests()
    {
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();

    private IRenderedComponent<AuditDetailsView> Render(string? json) => bunit.Render<AuditDetailsView>(p => p.Add(v => v.Json, json));

    [Fact]
    public void Before_and_after_objects_line_up_field_by_field_and_other_fields_keep_their_value()
    {
        var details = AuditDetails.Parse("""
            {"before":{"owner":"dana","riskTier":"Low","tags":["a","b"]},"after":{"owner":"dana","riskTier":"High","tags":["a"],"retiredAtUtc":"2026-11-04T10:00:00Z"},"reason":"audit"}
            """);

        Assert.True(details.HasChanges);
        Assert.Equal(
            [
                new AuditDetailRow("Owner", null, "dana", "dana", true),
                new AuditDetailRow("Risk tier", null, "Low", "High", true),
                new AuditDetailRow("Tags", null, "a, b", "a", true),
                new AuditDetailRow("Retired at (UTC)", null, "—", "2026-11-04 10:00:00 UTC", true),
                new AuditDetailRow("Reason", "audit", null, null, false),
            ],
            details.Rows);
        Assert.Equal([false, true, true, true], details.Rows.Take(4).Select(r => r.Changed));
    }

    [Fact]
    public void A_state_change_is_one_row_and_nested_records_read_as_text()
    {
        var details = AuditDetails.Parse("""
            {"before":"Pending","after":"Approved","approvals":"2 of 2","gates":[{"name":"Quality","passed":true},{"name":"Documentation","passed":false}],"filter":{"action":"deployments","from":null}}
            """);

        Assert.Equal(new AuditDetailRow("Value", null, "Pending", "Approved", true), details.Rows[0]);
        Assert.Equal("2 of 2", details.Rows.Single(r => r.Field == "Approvals").Value);
        Assert.Equal("Name: Quality · Passed: yes\nName: Documentation · Passed: no", details.Rows.Single(r => r.Field == "Gates").Value);
        Assert.Equal("deployments", details.Rows.Single(r => r.Field == "Filter › Action").Value);
        Assert.Equal("—", details.Rows.Single(r => r.Field == "Filter › From").Value);
    }

    [Fact]
    public void The_table_shows_before_and_after_columns_and_the_raw_json_only_on_request()
    {
        const string Json = """{"before":{"riskTier":"Low"},"after":{"riskTier":"High"}}""";
        var view = Render(Json);

        Assert.Equal(["Field", "Before", "After"], view.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal("Low", view.Find("[data-testid=audit-detail-before]").TextContent);
        Assert.Equal("High", view.Find("[data-testid=audit-detail-after]").TextContent);
        Assert.DoesNotContain("{", view.Markup, StringComparison.Ordinal);

        view.Find("input[type=checkbox]").Change(true);

        Assert.Equal(Json, view.Find("[data-testid=audit-details-raw]").TextContent);
    }

    [Fact]
    public void Without_changes_the_table_has_a_value_column_and_no_details_say_so()
    {
        var view = Render("""{"role":"Support.Engineer","endsAtUtc":null}""");

        Assert.Equal(["Field", "Value"], view.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["Support.Engineer", "—"], view.FindAll("[data-testid=audit-detail-value]").Select(td => td.TextContent));
        Assert.Contains("no details", Render(null).Markup, StringComparison.Ordinal);
    }
}
