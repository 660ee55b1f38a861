using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerPlatform.Testing;

/// <summary>Sign-up, verification from the real email, and the development password grant, through the gateway.</summary>
public static partial class Accounts
{
    public const string DefaultPassword = "correct horse battery staple 42";

    public static async Task<Guid> SignUpAsync(HttpClient gateway, string email, string displayName, string password = DefaultPassword)
    {
        using var response = await gateway.PostAsJsonAsync("/api/identity/signup", new { email, password, displayName });
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new UnexpectedResponseException($"Sign-up of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid();
    }

    /// <summary>Waits for the verification email in MailDev and posts its link's token.</summary>
    public static async Task VerifyFromEmailAsync(HttpClient gateway, MailDevInbox mail, string email, TimeSpan timeout)
    {
        var emails = await mail.WaitForAsync(email, found => VerificationToken(found) is not null, timeout);
        await VerifyAsync(gateway, email, VerificationToken(emails)!);
    }

    /// <summary>The token in the first of <paramref name="emails"/> that carries a link with one, if any.</summary>
    public static string? VerificationToken(IEnumerable<JsonElement> emails) =>
        emails.Select(e => TokenLink().Match(Text(e))).FirstOrDefault(m => m.Success)?.Groups["token"].Value;

    public static async Task VerifyAsync(HttpClient gateway, string email, string token)
    {
        using var response = await gateway.PostAsJsonAsync("/api/identity/verify-email", new { token });
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new UnexpectedResponseException($"Verifying {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", response.StatusCode);
    }

    public static async Task<ApiSession> SignInAsync(HttpClient gateway, string email, string password = DefaultPassword)
    {
        using var response = await RequestTokenAsync(gateway, email, password);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new UnexpectedResponseException($"The password grant for {email} answered {(int)response.StatusCode}: {text}", response.StatusCode);
        return new ApiSession(gateway, JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!, email);
    }

    /// <summary>The store's token: the client-credentials grant with the <c>store</c> scope, as commerce.md has the store ask for it.</summary>
    public static async Task<ApiSession> StoreSignInAsync(HttpClient gateway, (string ClientId, string Secret) store)
    {
        using var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = store.ClientId,
            ["client_secret"] = store.Secret,
            ["scope"] = "store",
        }));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new UnexpectedResponseException($"The client-credentials grant for {store.ClientId} answered {(int)response.StatusCode}: {text}", response.StatusCode);
        return new ApiSession(gateway, JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!, store.ClientId);
    }

    public static Task<ApiSession> SignInAsync(HttpClient gateway, (string Email, string Password) account) =>
        SignInAsync(gateway, account.Email, account.Password);

    /// <summary>Sign-up, verification from the email, sign-in: a customer ready to start the journey.</summary>
    public static async Task<(Guid CustomerId, ApiSession Session)> NewCustomerAsync(HttpClient gateway, MailDevInbox mail, string email, string displayName, TimeSpan timeout)
    {
        var customerId = await SignUpAsync(gateway, email, displayName);
        await VerifyFromEmailAsync(gateway, mail, email, timeout);
        return (customerId, await SignInAsync(gateway, email));
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient gateway, string email, string password) =>
        gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "platform-cli",
            ["username"] = email,
            ["password"] = password,
            ["scope"] = "openid offline_access api",
        }));

    public static string Text(JsonElement email) => email.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "";

    [GeneratedRegex(@"https?://\S+?[?&]token=(?<token>[A-Za-z0-9_\-]+)")]
    public static partial Regex TokenLink();
}
