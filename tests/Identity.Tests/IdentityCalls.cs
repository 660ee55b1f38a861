using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Identity.Tests;

/// <summary>The calls a client of Identity makes, as the app and platform-cli make them.</summary>
public static class IdentityCalls
{
    public const string Password = "correct-horse-battery-staple";
    public const string Scopes = "openid offline_access api email profile roles";

    public static Task<HttpResponseMessage> SignUpAsync(this HttpClient client, string email, string password = Password, string displayName = "Dana Customer") =>
        client.PostAsJsonAsync("/api/identity/signup", new { email, password, displayName });

    public static Task<HttpResponseMessage> VerifyAsync(this HttpClient client, string token) =>
        client.PostAsJsonAsync("/api/identity/verify-email", new { token });

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PasswordGrantAsync(this HttpClient client, string email, string password = Password) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "platform-cli",
            ["username"] = email,
            ["password"] = password,
            ["scope"] = Scopes,
        }));

    /// <summary>The client-credentials grant, as the business's store asks for its token (commerce.md).</summary>
    public static Task<HttpResponseMessage> ClientCredentialsAsync(this HttpClient client, string clientId, string? secret, string scope) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret ?? "",
            ["scope"] = scope,
        }.Where(p => p.Value.Length > 0)));

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "platform-cli",
            ["refresh_token"] = refreshToken,
        }));

    public static async Task<HttpResponseMessage> MeAsync(this HttpClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The <paramref name="nth"/> (0-based) email of <paramref name="template"/> sent to <paramref name="to"/>.</summary>
    public static async Task<SendEmail> EmailAsync(this IdentityFixture fixture, string to, string template, int nth = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var matches = fixture.Messages.All<SendEmail>().Where(e => e.To == to && e.Template == template).ToList();
            if (matches.Count > nth)
                return matches[nth];
            await Task.Delay(50);
        }
        throw new TimeoutException($"Email #{nth + 1} '{template}' to {to} never arrived.");
    }

    /// <summary>The token in a link's query string (<c>…?token=…</c>).</summary>
    public static string TokenOf(SendEmail email, string variable)
    {
        var link = new Uri(email.Variables[variable]);
        var token = link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "token")[1];
        return Uri.UnescapeDataString(token);
    }

    /// <summary>Signs up, redeems the emailed link and returns the password grant's tokens.</summary>
    public static async Task<(string Email, JsonElement Tokens)> VerifiedCustomerAsync(this IdentityFixture fixture, HttpClient client)
    {
        var email = IdentityFixture.NewEmail();
        (await client.SignUpAsync(email)).EnsureSuccessStatusCode();
        var verification = await fixture.EmailAsync(email, EmailTemplates.VerifyEmail);
        (await client.VerifyAsync(TokenOf(verification, "verificationLink"))).EnsureSuccessStatusCode();
        var grant = await client.PasswordGrantAsync(email);
        var body = await grant.JsonAsync();
        Assert.True(grant.IsSuccessStatusCode, body.ToString());
        return (email, body);
    }
}
