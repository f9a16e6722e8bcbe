// Linked into bench/PageBench and bench/CircuitBench (<Compile Include>), so both sign in the same way.
using System.Net;
using System.Text.RegularExpressions;

/// <summary>Signs a client in as a development persona through the portal's development sign-in form.</summary>
internal static partial class DevSignIn
{
    /// <param name="client">Needs cookies on and redirects off: the form answers with a redirect that sets the cookie.</param>
    public static async Task SignInAsync(HttpClient client, string persona)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/account/dev-sign-in", UriKind.Relative));
        var token = AntiforgeryField().Match(form).Groups["token"].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["persona"] = persona, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        });
        using var signedIn = await client.PostAsync(new Uri("/account/dev-sign-in", UriKind.Relative), content);
        if (signedIn.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found))
        {
            throw new InvalidOperationException($"Sign-in answered {(int)signedIn.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
