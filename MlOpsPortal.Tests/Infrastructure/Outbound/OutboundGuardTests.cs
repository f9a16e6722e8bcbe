using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Tests.Infrastructure.Outbound;

/// <summary>Issue 10, item 2: outbound calls cannot be pointed inside (SSRF), whatever spelling the address takes.</summary>
public sealed class OutboundGuardTests
{
    public static TheoryData<string, string> InsideAddresses => new()
    {
        { "http://127.0.0.1/hook", "loopback" },
        { "http://127.8.9.10/hook", "loopback" },
        { "http://[::1]/hook", "loopback" },
        { "http://10.1.2.3/hook", "private" },
        { "http://172.16.0.1/hook", "private" },
        { "http://172.31.255.254/hook", "private" },
        { "http://192.168.1.1/hook", "private" },
        { "http://169.254.169.254/latest/meta-data/", "link-local" },
        { "http://[fe80::1]/hook", "link-local" },
        { "http://[fc00::1]/hook", "unique-local" },
        { "http://[fd12:3456::1]/hook", "unique-local" },
        { "http://[::ffff:127.0.0.1]/hook", "loopback" },
        { "http://[::ffff:169.254.169.254]/hook", "link-local" },
        { "http://2130706433/hook", "loopback" },
        { "http://0x7f000001/hook", "loopback" },
        { "http://0177.0.0.1/hook", "loopback" },
        { "http://0.0.0.0/hook", "unspecified" },
        { "http://100.64.0.1/hook", "carrier-grade NAT" },
        { "http://168.63.129.16/machine", "Azure WireServer" },
        { "http://[::ffff:0:7f00:1]/hook", "loopback" },
        { "http://[64:ff9b::a9fe:a9fe]/hook", "link-local" },
        { "http://[64:ff9b:1::a00:1]/hook", "local-use NAT64" },
        { "http://[2002:c0a8:101::1]/hook", "private" },
    };

    [Theory]
    [MemberData(nameof(InsideAddresses))]
    public void Inside_addresses_are_refused_when_saved(string url, string kind)
    {
        var problem = Guard().ProblemWithUrl(url, "Webhook URL");

        Assert.NotNull(problem);
        Assert.Contains(kind, problem, StringComparison.Ordinal);
        Assert.Contains("Outbound:AllowedHosts", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InsideAddresses))]
    public async Task Inside_addresses_are_refused_when_connecting(string url, string kind)
    {
        using var client = new HttpClient(Guard().CreateHandler());

        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri(url), null));

        var refused = Assert.IsType<OutboundRefusedException>(failed.InnerException);
        Assert.Contains(kind, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_is_checked_after_it_is_resolved()
    {
        using var client = new HttpClient(Guard().CreateHandler());

        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri("http://localhost:9/hook"), null));

        Assert.Contains("loopback", Assert.IsType<OutboundRefusedException>(failed.InnerException).Message, StringComparison.Ordinal);
        Assert.NotNull(Guard().ProblemWithUrl("http://localhost:9/hook", "Webhook URL"));
        Assert.NotNull(Guard().ProblemWithUrl("http://api.localhost/hook", "Webhook URL"));
    }

    [Theory]
    [InlineData("https://user:secret@hooks.example.com/hook")]
    [InlineData("https://token@hooks.example.com/hook")]
    public void User_info_is_refused(string url) =>
        Assert.Contains("user name or password", Guard().ProblemWithUrl(url, "Webhook URL"), StringComparison.Ordinal);

    [Fact]
    public void Https_is_required_outside_development()
    {
        Assert.Contains("https", Guard(environment: "Production").ProblemWithUrl("http://hooks.example.com/hook", "Webhook URL"), StringComparison.Ordinal);
        Assert.Null(Guard(environment: "Production").ProblemWithUrl("https://hooks.example.com/hook", "Webhook URL"));
        Assert.Null(Guard().ProblemWithUrl("http://hooks.example.com/hook", "Webhook URL"));
    }

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:5000/hook")]
    [InlineData("10.20.0.0/16", "https://10.20.30.40/hook")]
    [InlineData("receiver.internal", "https://receiver.internal/hook")]
    public void An_administrator_can_allow_an_inside_receiver(string allowed, string url)
    {
        Assert.Null(Guard(allowed).ProblemWithUrl(url, "Webhook URL"));
        Assert.NotNull(Guard(allowed).ProblemWithUrl("http://10.99.0.1/hook", "Webhook URL"));
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_receiver_is_not_followed()
    {
        var followed = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", () => Results.Redirect("/elsewhere"));
        receiver.MapPost("/elsewhere", () =>
        {
            Interlocked.Increment(ref followed);
            return Results.Ok();
        });
        receiver.MapGet("/elsewhere", () =>
        {
            Interlocked.Increment(ref followed);
            return Results.Ok();
        });
        await receiver.StartAsync();
        var address = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient(Guard("127.0.0.1").CreateHandler());

        using var response = await client.PostAsync(new Uri($"{address}/hook"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, followed);
    }

    private static OutboundGuard Guard(string? allowed = null, string environment = "Development")
    {
        var options = new OutboundOptions();
        if (allowed is not null)
        {
            options.AllowedHosts.Add(allowed);
        }

        return new OutboundGuard(Options.Create(options), new HostingEnvironment { EnvironmentName = environment });
    }
}
