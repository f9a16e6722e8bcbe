using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// A browser without a browser: keeps its own cookies (so a test can save one and replay it) and posts forms with
/// the antiforgery token that the development sign-in page hands out.
/// </summary>
public sealed partial class CookieClient : IDisposable
{
    public const string AuthCookie = "MlOpsPortal.Auth";

    private readonly HttpClient client;

    public CookieClient(PortalAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public Dictionary<string, string> Cookies { get; } = [];

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>Posts a form with a fresh antiforgery token for whoever this client is signed in as.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var page = await GetAsync("/account/dev-sign-in");
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups["token"].Value;
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> SignInAsync(Persona persona, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(persona);
        return await PostFormAsync("/account/dev-sign-in", new Dictionary<string, string> { ["persona"] = persona.Id, ["returnUrl"] = returnUrl });
    }

    public async Task SignOutAsync()
    {
        using var response = await PostFormAsync("/account/logout", new Dictionary<string, string>());
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"Sign-out answered {response.StatusCode}.");
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                Remember(header);
            }
        }

        return response;
    }

    private void Remember(string setCookie)
    {
        var pair = setCookie.Split(';', 2)[0];
        var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
        var value = pair[(name.Length + 1)..];
        var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
        if (expired || value.Length == 0)
        {
            Cookies.Remove(name);
        }
        else
        {
            Cookies[name] = value;
        }
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
