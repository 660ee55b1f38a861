using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14: every error from the gateway and from every service behind it is a problem response
/// (RFC 9457, <c>application/problem+json</c> with the status in the body): a missing token (401), a
/// role the route does not allow (403), no such route (404), the wrong method (405), a body over the
/// limit (413), a forged token (401 from the gateway).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_a_request_goes_wrong(PlatformFixture platform)
{
    public static TheoryData<string, string, string?, HttpStatusCode> Cases => new()
    {
        // 401: no token, on one signed-in route of each service that has one.
        { "GET", "/api/identity/me", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/onboarding/journey", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/training/courses", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/support/tickets", null, HttpStatusCode.Unauthorized },
        { "GET", "/api/notifications", null, HttpStatusCode.Unauthorized },
        // 403: a customer on staff routes.
        { "GET", "/api/onboarding/approvals", "customer", HttpStatusCode.Forbidden },
        { "POST", "/api/training/admin/courses", "customer", HttpStatusCode.Forbidden },
        // 404: no such route, at the gateway and inside each service.
        { "GET", "/nothing-here", null, HttpStatusCode.NotFound },
        { "GET", "/api/identity/nothing-here", null, HttpStatusCode.NotFound },
        { "GET", "/api/onboarding/nothing-here", "customer", HttpStatusCode.NotFound },
        { "GET", "/api/training/nothing-here", "customer", HttpStatusCode.NotFound },
        { "GET", "/api/support/nothing-here", "customer", HttpStatusCode.NotFound },
        { "GET", "/api/notifications/nothing-here/at-all", "customer", HttpStatusCode.NotFound },
        { "GET", "/api/loyalty/nothing-here", "customer", HttpStatusCode.NotFound },
        // 405: a route that exists, with a method it does not take.
        { "DELETE", "/api/identity/signup", null, HttpStatusCode.MethodNotAllowed },
        { "DELETE", "/api/onboarding/journey", "customer", HttpStatusCode.MethodNotAllowed },
        { "PATCH", "/api/training/courses", "customer", HttpStatusCode.MethodNotAllowed },
        { "PUT", "/api/support/tickets", "customer", HttpStatusCode.MethodNotAllowed },
        { "DELETE", "/api/notifications/read-all", "customer", HttpStatusCode.MethodNotAllowed },
        { "POST", "/api/loyalty/status", null, HttpStatusCode.MethodNotAllowed },
        // 401 from the gateway itself: a token nobody signed.
        { "GET", "/api/identity/me", "forged", HttpStatusCode.Unauthorized },
    };

    private static readonly SemaphoreSlim OneSignIn = new(1, 1);
    private static ApiSession? _customer;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Should_answer_with_a_problem(string method, string path, string? caller, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (caller == "customer")
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await CustomerAsync()).AccessToken);
        else if (caller == "forged")
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiIsImtpZCI6Im5vYm9keSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await platform.Gateway.SendAsync(request);

        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task Should_answer_a_body_over_the_limit_with_413()
    {
        // The gateway takes at most 1 MB; a sign-up of 16 MB never reaches Identity. The client is
        // still sending when the gateway answers: it must read a 413, not a broken pipe, every time.
        var huge = JsonSerializer.Serialize(new { email = "big@example.com", password = new string('x', 16 * 1024 * 1024), displayName = "Big" });
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await platform.Gateway.PostAsync("/api/identity/signup", new StringContent(huge, Encoding.UTF8, "application/json"));

            await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    private async Task<ApiSession> CustomerAsync()
    {
        await OneSignIn.WaitAsync();
        try
        {
            if (_customer is null)
            {
                using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
                (_, _customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, $"problems-{Guid.NewGuid():N}@example.com", "Pat Problem", TimeSpan.FromMinutes(1));
            }

            return _customer;
        }
        finally
        {
            OneSignIn.Release();
        }
    }
}
