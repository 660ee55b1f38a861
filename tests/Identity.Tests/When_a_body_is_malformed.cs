using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_a_body_is_malformed(IdentityFixture fixture)
{
    private const string Password = IdentityCalls.Password;

    public static TheoryData<string, string, string, string> Bodies => new()
    {
        { "/api/identity/signup", "application/json", "", "body" },
        { "/api/identity/signup", "application/json", "{not json", "body" },
        { "/api/identity/signup", "text/plain", "hello", "body" },
        { "/api/identity/signup", "application/json", "[1, 2]", "body" },
        { "/api/identity/signup", "application/json", "null", "body" },
        { "/api/identity/signup", "application/json", $$"""{"email": 5, "password": "{{Password}}", "displayName": "A"}""", "email" },
        { "/api/identity/signup", "application/json", $$"""{"email": "not-an-address", "password": "{{Password}}", "displayName": "A"}""", "email" },
        { "/api/identity/signup", "application/json", $$"""{"email": "a@example.com", "password": "{{Password}}"}""", "displayName" },
        { "/api/identity/signup", "application/json", """{"email": "a@example.com", "password": "short", "displayName": "A"}""", "password" },
        { "/api/identity/signup", "application/json", """{"email": "a@example.com", "password": "PASSWORD1234", "displayName": "A"}""", "password" },
        { "/api/identity/signup", "application/json", $$"""{"email": "a@example.com", "password": "{{Password}}", "displayName": "{{new string('x', 101)}}"}""", "displayName" },
        { "/api/identity/verify-email", "application/json", "{}", "token" },
        { "/api/identity/verify-email", "application/json", """{"token": 42}""", "token" },
        { "/api/identity/resend-verification", "application/json", "{}", "email" },
        { "/api/identity/resend-verification", "application/json", """{"email": "nope"}""", "email" },
        { "/api/identity/forgot-password", "application/json", """{"email": ["a@example.com"]}""", "email" },
        { "/api/identity/forgot-password", "application/json", "", "body" },
        { "/api/identity/reset-password", "application/json", """{"token": "abc"}""", "newPassword" },
        { "/api/identity/reset-password", "application/json", """{"newPassword": "long-enough-passphrase"}""", "token" },
        { "/api/identity/reset-password", "application/json", """{"token": "abc", "newPassword": true}""", "newPassword" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Should_answer_400_naming_the_field_and_write_nothing(string route, string contentType, string body, string field)
    {
        using var client = fixture.NewClient();
        var before = await WrittenAsync();

        var response = await client.PostAsync(route, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem names {problem.GetProperty("errors")}, not {field}.");
        Assert.Equal(before, await WrittenAsync());
    }

    // Rows a request could write: users, tokens, rate-limit counts, and outbox messages (by their sequence, since delivery deletes rows).
    private Task<string> WrittenAsync() => fixture.InDatabaseAsync(async db =>
    {
        var users = await db.Users.CountAsync();
        var tokens = await db.AccountTokens.CountAsync();
        var counters = await db.RateLimitCounters.SumAsync(c => c.Count);
        var outbox = await db.Database.SqlQueryRaw<long>("SELECT last_value AS \"Value\" FROM messaging_outbox_sequence_number_seq").SingleAsync();
        return $"users={users} tokens={tokens} attempts={counters} outbox={outbox}";
    });
}
