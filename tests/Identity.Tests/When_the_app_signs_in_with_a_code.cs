using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerPlatform.Identity.Tests;

/// <summary>The single-page app's flow: authorization code with PKCE through Identity's sign-in page.</summary>
[Collection(IdentityCollection.Name)]
public sealed partial class When_the_app_signs_in_with_a_code(IdentityFixture fixture)
{
    private const string RedirectUri = "http://app.test/signin-callback";

    [Fact]
    public async Task Should_sign_in_on_the_page_and_redeem_the_code_with_the_verifier()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "customer-spa",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = IdentityCalls.Scopes,
            ["state"] = "xyz",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

        // Not signed in: to the sign-in page, which posts back and returns to the same request.
        var toPage = await client.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toPage.StatusCode);
        Assert.StartsWith("/connect/signin", toPage.Headers.Location!.PathAndQuery);
        var page = await client.GetStringAsync(toPage.Headers.Location);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value),
            ["email"] = email,
            ["password"] = "wrong-password-here",
        };
        var refused = await client.PostAsync("/connect/signin", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("incorrect", await refused.Content.ReadAsStringAsync());

        form["password"] = IdentityCalls.Password;
        var signedIn = await client.PostAsync("/connect/signin", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var back = await client.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(RedirectUri, callback.ToString());
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("xyz", query["state"].ToString());

        var exchange = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "customer-spa",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = "a-verifier-that-does-not-match-the-challenge-at-all",
        };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/connect/token", new FormUrlEncodedContent(exchange))).StatusCode);
    }

    [Fact]
    public async Task Should_issue_tokens_for_the_code_and_its_verifier()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var code = await SignInForCodeAsync(client, email, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));

        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "customer-spa",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        }));

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var tokens = await token.JsonAsync();
        var me = await (await client.MeAsync(tokens.GetProperty("access_token").GetString()!)).JsonAsync();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Should_ask_for_the_password_again_with_prompt_login_and_then_return_to_the_client()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        await SignInForCodeAsync(client, email, Challenge());

        // Signed in, but prompt=login: the sign-in page, not the client.
        var toPage = await client.GetAsync(Authorize(new() { ["prompt"] = "login" }));
        Assert.Equal(HttpStatusCode.Redirect, toPage.StatusCode);
        Assert.StartsWith("/connect/signin", toPage.Headers.Location!.PathAndQuery);

        // Once signed in again, back to the request without prompt=login, and on to the client.
        var back = await client.GetAsync(await SubmitSignInPageAsync(client, toPage.Headers.Location, email));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(RedirectUri, back.Headers.Location!.ToString());
        Assert.False(string.IsNullOrEmpty(QueryHelpers.ParseQuery(back.Headers.Location.Query)["code"]));
    }

    [Fact]
    public async Task Should_ask_for_the_password_again_when_the_sign_in_is_older_than_max_age()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        await SignInForCodeAsync(client, email, Challenge());

        // A recent enough sign-in goes straight back to the client.
        var fresh = await client.GetAsync(Authorize(new() { ["max_age"] = "3600" }, Challenge(verifier)));
        Assert.StartsWith(RedirectUri, fresh.Headers.Location!.ToString());

        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var stale = await client.GetAsync(Authorize(new() { ["max_age"] = "3" }));
        Assert.StartsWith("/connect/signin", stale.Headers.Location!.PathAndQuery);

        // The id token says when the user signed in.
        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "customer-spa",
            ["code"] = QueryHelpers.ParseQuery(fresh.Headers.Location.Query)["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        }));
        var idToken = (await token.JsonAsync()).GetProperty("id_token").GetString()!;
        var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(Pad(idToken.Split('.')[1]))).RootElement;
        var now = fixture.Time.GetUtcNow();
        Assert.InRange(claims.GetProperty("auth_time").GetInt64(), now.AddMinutes(-2).ToUnixTimeSeconds(), now.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Should_answer_login_required_to_prompt_none_without_a_session()
    {
        using var client = fixture.NewClient();

        var answer = await client.GetAsync(Authorize(new() { ["prompt"] = "none" }));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(RedirectUri, answer.Headers.Location!.ToString());
        Assert.Equal("login_required", QueryHelpers.ParseQuery(answer.Headers.Location.Query)["error"].ToString());
    }

    private static string Authorize(Dictionary<string, string?> extra, string? challenge = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = "customer-spa", ["response_type"] = "code", ["redirect_uri"] = RedirectUri,
            ["scope"] = IdentityCalls.Scopes, ["code_challenge"] = challenge ?? Challenge(), ["code_challenge_method"] = "S256",
        };
        foreach (var (key, value) in extra)
            parameters[key] = value;
        return QueryHelpers.AddQueryString("/connect/authorize", parameters);
    }

    private static string Challenge(string? verifier = null) =>
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier ?? Base64Url(RandomNumberGenerator.GetBytes(32)))));

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
    }

    /// <summary>Fills in the sign-in page at <paramref name="page"/>; answers where it sends the browser next.</summary>
    private static async Task<Uri> SubmitSignInPageAsync(HttpClient client, Uri page, string email)
    {
        var html = await client.GetStringAsync(page);
        var signedIn = await client.PostAsync("/connect/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value),
            ["email"] = email,
            ["password"] = IdentityCalls.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.Location!;
    }

    [Fact]
    public async Task Should_answer_429_on_the_sign_in_page_past_the_limit()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail("guess");
        var page = await client.GetStringAsync("/connect/signin?returnUrl=%2F");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["returnUrl"] = "/",
            ["email"] = email,
            ["password"] = "a-guess-at-the-password",
        };
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/connect/signin", new FormUrlEncodedContent(form))).StatusCode);

        var refused = await client.PostAsync("/connect/signin", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Try again in", await refused.Content.ReadAsStringAsync());
    }

    private static async Task<string> SignInForCodeAsync(HttpClient client, string email, string challenge)
    {
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "customer-spa", ["response_type"] = "code", ["redirect_uri"] = RedirectUri,
            ["scope"] = IdentityCalls.Scopes, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        var toPage = await client.GetAsync(authorize);
        var page = await client.GetStringAsync(toPage.Headers.Location);
        var signedIn = await client.PostAsync("/connect/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value),
            ["email"] = email,
            ["password"] = IdentityCalls.Password,
        }));
        var back = await client.GetAsync(signedIn.Headers.Location);
        return QueryHelpers.ParseQuery(back.Headers.Location!.Query)["code"].ToString();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
