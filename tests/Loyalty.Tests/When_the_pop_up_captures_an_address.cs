using System.Net;
using System.Net.Http.Json;
using System.Text;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Captures;
using CustomerPlatform.Loyalty.Rewards;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// The storefront's first-purchase pop-up (commerce.md): an address captured with consent gets one personal code by email,
/// never a second; the store uses the code once; bad captures are refused naming the field; one client address may capture
/// only so often; the pop-up's routes answer CORS for the store's origins and no other route does.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_the_pop_up_captures_an_address(LoyaltyFixture fixture)
{
    private static string NewAddress() => $"Pop.{Guid.NewGuid():N}@Example.com";

    private static Task<HttpResponseMessage> CaptureAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/loyalty/captures", body);

    private Task<List<Capture>> CapturesAsync(string email) =>
        fixture.ReadAsync(db => db.Captures.Where(c => c.Email == email.ToLowerInvariant()).ToListAsync());

    private Task<List<RewardCode>> CodesAsync(string email) =>
        fixture.ReadAsync(db => db.RewardCodes.Where(c => db.Members.Any(m => m.Id == c.MemberId && m.Email == email.ToLowerInvariant())).ToListAsync());

    [Fact]
    public async Task Should_send_an_address_one_code_however_often_and_however_it_is_written()
    {
        var email = NewAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await CaptureAsync(fixture.Anonymous(), new { email, consent = true, source = "home" })).StatusCode);
        var again = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            CaptureAsync(fixture.Anonymous(), new { email = i % 2 == 0 ? $"  {email.ToUpperInvariant()} " : email, consent = true })));
        Assert.All(again, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));

        var capture = Assert.Single(await CapturesAsync(email));
        Assert.Equal("home", capture.Source);
        Assert.False(string.IsNullOrEmpty(capture.ConsentText));
        var code = Assert.Single(await CodesAsync(email));
        Assert.Equal(capture.Code, code.Code);
        Assert.Equal((CapturesApi.FirstPurchaseReward, RewardKinds.PercentDiscount, 10m, 0L), (code.RewardId, code.Kind, code.Value, code.Cost));
        Assert.True(code.ExpiresAt > DateTimeOffset.UtcNow.AddDays(29), $"expires {code.ExpiresAt}");

        var sent = await fixture.Events.WaitForAsync<SendEmail>(e => e.To == email.ToLowerInvariant(), "the code's email");
        Assert.Equal(EmailTemplates.FirstPurchaseCode, sent.Template);
        Assert.Equal(code.Code, sent.Variables["code"]);
        Assert.Equal("10", sent.Variables["percent"]);
        // The captures after the first committed nothing; had one published an email, it would be here by now.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(fixture.Events.All<SendEmail>(e => e.To == email.ToLowerInvariant()));
    }

    [Fact]
    public async Task Should_let_the_store_use_the_code_once_and_count_the_conversion()
    {
        var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var before = (await staff.GetFromJsonAsync<CapturesApi.ConversionView>("/api/loyalty/staff/popup"))!;
        var (used, unused) = (NewAddress(), NewAddress());
        foreach (var email in new[] { used, unused })
            Assert.Equal(HttpStatusCode.Accepted, (await CaptureAsync(fixture.Anonymous(), new { email, consent = true })).StatusCode);
        var code = Assert.Single(await CodesAsync(used)).Code;

        var store = fixture.Store();
        var first = await store.PostAsJsonAsync($"/api/loyalty/codes/{code}/redemptions", new { orderId = "POP-1", customerEmail = used, orderTotal = 80 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var view = (await first.Content.ReadFromJsonAsync<StoreApi.CodeRedemptionView>())!;
        Assert.Equal((RewardKinds.PercentDiscount, 10m, false), (view.Kind, view.Value, view.FreeShipping));
        Assert.Equal(HttpStatusCode.Conflict,
            (await store.PostAsJsonAsync($"/api/loyalty/codes/{code}/redemptions", new { orderId = "POP-2", customerEmail = used, orderTotal = 80 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await store.PostAsJsonAsync($"/api/loyalty/codes/{code}/redemptions", new { orderId = "POP-3", customerEmail = unused, orderTotal = 80 })).StatusCode);

        var after = (await staff.GetFromJsonAsync<CapturesApi.ConversionView>("/api/loyalty/staff/popup"))!;
        Assert.Equal((before.Captures + 2, before.CodesUsed + 1), (after.Captures, after.CodesUsed));
        Assert.Equal(Math.Round((decimal)after.CodesUsed / after.Captures, 4), after.ConversionRate);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.NewCustomer().Client.GetAsync("/api/loyalty/staff/popup")).StatusCode);
    }

    public static TheoryData<string, string> BadCaptures => new()
    {
        { """{"consent": true}""", "email" },
        { """{"email": "not-an-address", "consent": true}""", "email" },
        { """{"email": "two words@example.com", "consent": true}""", "email" },
        { """{"email": 42, "consent": true}""", "email" },
        { """{"email": "MAILBOX"}""", "consent" },
        { """{"email": "MAILBOX", "consent": false}""", "consent" },
        { """{"email": "MAILBOX", "consent": "yes"}""", "consent" },
        { """{"email": "MAILBOX", "consent": true, "source": "SOURCE"}""", "source" },
        { """{"email": "MAILBOX", "consent": true, "source": "two\nlines"}""", "source" },
    };

    [Theory]
    [MemberData(nameof(BadCaptures))]
    public async Task Should_refuse_a_bad_capture_naming_the_field_and_write_nothing(string body, string field)
    {
        var email = NewAddress();
        var json = body.Replace("MAILBOX", email).Replace("SOURCE", new string('s', CapturesApi.MaxSourceLength + 1));
        var response = await fixture.Anonymous().PostAsync("/api/loyalty/captures", new StringContent(json, Encoding.UTF8, "application/json"));
        await ApiAssert.BadRequestNamingAsync(response, field);
        Assert.Empty(await CapturesAsync(email));
        Assert.Null(await fixture.MemberAsync(email));
    }

    [Fact]
    public async Task Should_limit_the_captures_of_one_client_address()
    {
        var client = fixture.Anonymous();
        for (var i = 0; i < LoyaltyFixture.CapturesPerAddress; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await CaptureAsync(client, new { email = NewAddress(), consent = true })).StatusCode);

        var refusedAddress = NewAddress();
        var refused = await CaptureAsync(client, new { email = refusedAddress, consent = true });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await CapturesAsync(refusedAddress));
        Assert.Equal(HttpStatusCode.Accepted, (await CaptureAsync(fixture.Anonymous(), new { email = refusedAddress, consent = true })).StatusCode);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method = "POST")
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await fixture.Anonymous().SendAsync(request);
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Should_answer_CORS_for_the_store_origins_on_the_pop_up_routes_only()
    {
        var allowed = await PreflightAsync("/api/loyalty/captures", LoyaltyFixture.StoreOrigin);
        Assert.True(allowed.IsSuccessStatusCode, $"preflight: {(int)allowed.StatusCode}");
        Assert.Equal(LoyaltyFixture.StoreOrigin, AllowedOrigin(allowed));
        Assert.Contains("content-type", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        Assert.Null(AllowedOrigin(await PreflightAsync("/api/loyalty/captures", "https://elsewhere.example")));
        Assert.Null(AllowedOrigin(await PreflightAsync("/api/loyalty/rewards/ten-off/redeem", LoyaltyFixture.StoreOrigin)));
        Assert.Null(AllowedOrigin(await PreflightAsync("/api/loyalty/codes/ANY/redemptions", LoyaltyFixture.StoreOrigin)));

        using var script = new HttpRequestMessage(HttpMethod.Get, "/loyalty/widget.js");
        script.Headers.Add("Origin", LoyaltyFixture.StoreOrigin);
        Assert.Equal(LoyaltyFixture.StoreOrigin, AllowedOrigin(await fixture.Anonymous().SendAsync(script)));
        using var posted = new HttpRequestMessage(HttpMethod.Post, "/api/loyalty/captures") { Content = JsonContent.Create(new { email = NewAddress(), consent = true }) };
        posted.Headers.Add("Origin", LoyaltyFixture.StoreOrigin);
        var response = await fixture.Anonymous().SendAsync(posted);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(LoyaltyFixture.StoreOrigin, AllowedOrigin(response));
    }

    [Fact]
    public async Task Should_serve_a_small_pop_up_script_with_the_configured_texts()
    {
        var client = fixture.Anonymous();
        var response = await client.GetAsync("/loyalty/widget.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"title\":\"Take {percent} % off, friend\"", script);
        Assert.Contains("\"percent\":10", script);
        Assert.True(Encoding.UTF8.GetByteCount(script) < 8 * 1024, $"{Encoding.UTF8.GetByteCount(script)} bytes");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/loyalty/widget.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }
}
