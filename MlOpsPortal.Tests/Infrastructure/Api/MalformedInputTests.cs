using System.Net;
using System.Text;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Api;

/// <summary>Inputs that once gave a 500 (issue 10, item 8): each now gets a 400 or 415 problem saying what to fix.</summary>
public sealed class MalformedInputTests(SeededPortal app) : IClassFixture<SeededPortal>
{
    public static TheoryData<string> JsonWrites =>
    [
        "/api/v1/models", "/api/v1/models/churn-model/versions", "/api/v1/models/churn-model/versions/1/ci-evidence",
        "/api/v1/datasets", "/api/v1/datasets/customer-profiles/versions", "/api/v1/deployment-requests", "/api/v1/deployment-requests/1/deployed",
        "/api/v1/deployment-requests/1/reject", "/api/v1/metrics", "/api/v1/models/churn-model/check-runs", "/api/v1/models/churn-model/samples",
    ];

    [Theory]
    [MemberData(nameof(JsonWrites))]
    public async Task An_unknown_charset_is_unsupported_media_not_a_server_error(string path)
    {
        using var client = Client();
        using var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=nope");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("charset", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_charset_check_still_accepts_utf8()
    {
        using var client = Client();
        using var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"UTF-8\"");

        using var response = await client.PostAsync(new Uri("/api/v1/models", UriKind.Relative), content);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("displayName"));
    }

    [Theory]
    [InlineData("/api/v1/models", """{"key":"m-\ud800","displayName":"\ud800","owner":"o","businessUnit":"b","riskTier":"Low"}""", "key")]
    [InlineData("/api/v1/datasets", """{"key":"d\udfff","owner":"o"}""", "key")]
    [InlineData("/api/v1/metrics", """{"environment":"production","points":[{"metric":"model.\ud800","timestamp":"2026-11-20T10:00:00Z","value":1}]}""", "points[0].metric")]
    [InlineData("/api/v1/models/churn-model/samples", """{"version":1,"role":"current","columns":{"\ud800":[1,2]}}""", "columns")]
    public async Task Lone_surrogate_escapes_are_named_fields_not_server_errors(string path, string json, string field)
    {
        using var client = Client();

        using var response = await client.PostRawAsync(path, json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Theory]
    [InlineData("PUT", "/api/v1/models/churn-model/versions/1/card", """{"intendedUse":"Churn\u0000scoring"}""", "intendedUse")]
    [InlineData("POST", "/api/v1/models", """{"key":"nul-model","displayName":"N\u0000","owner":"o","businessUnit":"b","riskTier":"Low"}""", "displayName")]
    [InlineData("POST", "/api/v1/datasets", """{"key":"nul-data","owner":"o","description":"\u0000"}""", "description")]
    [InlineData("POST", "/api/v1/models/churn-model/samples", """{"version":1,"role":"current","columns":{"a\u0000":[1,2]}}""", "columns")]
    public async Task A_nul_character_in_any_text_is_a_named_field_error_and_nothing_is_saved(string method, string path, string json, string field)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors(field), message => message.Contains("NUL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("\"a string\"")]
    public async Task A_samples_body_that_is_not_an_object_is_refused(string json)
    {
        using var client = Client();

        using var response = await client.PostRawAsync("/api/v1/models/churn-model/samples", json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("body"));
    }

    [Fact]
    public async Task A_truncated_multipart_body_is_refused()
    {
        using var client = Client();
        var text = "--b0undary\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n1\r\n--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\nContent-Type: text/csv\r\n\r\nage,income\r\n31,52";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");

        using var response = await client.PostAsync(new Uri("/api/v1/models/churn-model/samples", UriKind.Relative), content);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("body"));
    }

    [Theory]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("from=0001-01-01&to=0001-01-02", "from")]
    public async Task Metric_queries_outside_the_calendar_the_store_keeps_are_refused(string range, string field)
    {
        using var client = Client();

        using var response = await client.GetPathAsync($"/api/v1/metrics/query?environment=production&metric=system.cpu&{range}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Theory]
    [InlineData("POST", "/api/v1/models", "null")]
    [InlineData("POST", "/api/v1/models", "{\"displayName\":")]
    [InlineData("POST", "/api/v1/models/churn-model/versions/1/ci-evidence", "{\"vulnerabilities\":[1]}")]
    [InlineData("PUT", "/api/v1/models/churn-model/versions/1/card", "[]")]
    [InlineData("GET", "/api/v1/metrics/query?from=yesterday", null)]
    [InlineData("GET", "/api/v1/models?page=first", null)]
    public async Task Problems_never_show_dotnet_type_names(string method, string path, string? json)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var said = $"{problem["title"]} {problem["detail"]} {problem["errors"]?.ToJsonString()}";
        Assert.False(ProblemText.NamesDotNetTypes(said), said);
    }

    private HttpClient Client() => app.CreateClientWithKey(SeededPortal.DevelopmentKey);
}
