using System.Net;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_someone_probes_for_registered_addresses(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_answer_sign_up_alike_for_known_and_unknown_addresses()
    {
        using var client = fixture.NewClient();
        var (known, tokens) = await fixture.VerifiedCustomerAsync(client);
        var knownId = (await (await client.MeAsync(tokens.GetProperty("access_token").GetString()!)).JsonAsync()).GetProperty("customerId").GetGuid();

        var forKnown = await client.SignUpAsync(known, "another-long-password-1", "Someone Else");
        var forUnknown = await client.SignUpAsync(IdentityFixture.NewEmail(), "another-long-password-1", "Someone Else");

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forUnknown.StatusCode, forKnown.StatusCode);
        var knownBody = await forKnown.JsonAsync();
        var unknownBody = await forUnknown.JsonAsync();
        Assert.Equal(Shape(unknownBody), Shape(knownBody));
        Assert.NotEqual(knownId, knownBody.GetProperty("customerId").GetGuid());

        // The owner learns what happened by email, and their password is untouched.
        var notice = await fixture.EmailAsync(known, EmailTemplates.AlreadyRegistered);
        Assert.Equal(knownId, notice.CustomerId);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(known)).StatusCode);
    }

    [Fact]
    public async Task Should_answer_resend_and_forgot_password_alike_for_known_and_unknown_addresses()
    {
        using var client = fixture.NewClient();
        var (known, _) = await fixture.VerifiedCustomerAsync(client);
        var unknown = IdentityFixture.NewEmail("nobody");

        foreach (var route in new[] { "/api/identity/resend-verification", "/api/identity/forgot-password" })
        {
            var forKnown = await client.PostJsonAsync(route, new { email = known });
            var forUnknown = await client.PostJsonAsync(route, new { email = unknown });
            Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, forUnknown.StatusCode);
            Assert.Equal(await forUnknown.Content.ReadAsStringAsync(), await forKnown.Content.ReadAsStringAsync());
        }
    }

    private static string Shape(System.Text.Json.JsonElement body) =>
        string.Join(",", body.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}:{Guid.TryParse(p.Value.GetString(), out _)}"));
}
