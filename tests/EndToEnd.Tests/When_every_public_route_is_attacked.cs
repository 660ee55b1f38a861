using CustomerPlatform.Identity;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Npgsql;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14: every public route (found in the services' OpenAPI documents, classified in
/// <see cref="PublicRoutes.Table"/>), through the gateway, as anonymous, a customer, each staff role and the store.
/// The authorization matrix: anonymous 401, the wrong role 403, another customer's things 404, forged,
/// expired and <c>alg=none</c> tokens 401. The fuzz: broken, mistyped, oversized and odd bodies, junk
/// ids and wrong content types never answer 5xx, every 4xx is a problem response, and no row is written
/// in any service's database.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_every_public_route_is_attacked(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Written by what the platform does in the background or by signing in, not by a request's effect:
    /// the messaging tables (outbox, inbox, scheduler: a request that is refused writes none, but other
    /// tests' messages may still be flowing), Identity's per-address rate-limit counters (a refused
    /// sign-in attempt counts, by design), OpenIddict's tokens and authorizations (the password grant under
    /// test issues them), the data-protection key ring and the server keys (rotated every minute in this
    /// run, ADR-016). A timer of another test's journey that fires or
    /// is cancelled meanwhile moves only these.
    /// </summary>
    private static readonly string[] BackgroundTables =
        ["messaging_outbox", "messaging_inbox", "scheduled_message", "rate_limit_counters", "oidc_tokens", "oidc_authorizations", "data_protection_keys", "server_keys"];

    /// <summary>
    /// Actions that take no body and no id: whatever body comes with them is ignored, and they do what they
    /// say. Ending a session without a valid id token hint signs the caller out of Identity's page and sends
    /// them to the app's start page, which answers 200 since the gateway serves the app.
    /// </summary>
    private static readonly string[] BodylessActions = ["POST /api/notifications/read-all", "POST /connect/endsession"];

    [Fact]
    public async Task Should_answer_every_caller_on_every_route_as_the_table_says()
    {
        var routes = await PublicRoutes.DiscoverAsync(platform.App);
        var callers = await CallersAsync();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            foreach (var (name, session, roles, _) in callers)
            {
                using var response = await SendAsync(route, Fill(route.Path, Guid.NewGuid().ToString()), session?.AccessToken, JsonContent("{}"));
                var status = (int)response.StatusCode;
                var expected = PublicRoutes.Allows(route.Access, roles) ? "allowed"
                    : roles is null || route.Access == Access.Signed ? "401" : "403";
                var ok = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    _ => status is not (401 or 403) and < 500,
                };
                if (!ok)
                    failures.Add($"{route} as {name}: {status}, expected {expected}");
            }
        }

        // Forged, expired and alg=none tokens on every signed-in route.
        var customer = callers.Single(c => c.Name == "customer").Session!;
        foreach (var (kind, token) in await BadTokensAsync(customer.AccessToken))
        {
            foreach (var route in routes.Where(r => r.Access != Access.Anyone))
            {
                using var response = await SendAsync(route, Fill(route.Path, Guid.NewGuid().ToString()), token, JsonContent("{}"));
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                    failures.Add($"{route} with a {kind} token: {(int)response.StatusCode}, expected 401");
            }
        }

        // Customer A against customer B's things: not there (404), never "forbidden", which would say they exist.
        var other = callers.Single(c => c.Name == "other customer");
        foreach (var (method, path) in await ThingsOfAsync(other.Session!, other.Id))
        {
            using var response = await SendAsync(new PublicRoute(method, path, Access.SignedIn), path, customer.AccessToken, JsonContent("""{"body":"Not yours."}"""));
            if (response.StatusCode != HttpStatusCode.NotFound)
                failures.Add($"{method} {path} (another customer's) as customer: {(int)response.StatusCode}, expected 404");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answer(s) off the table:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Should_never_fail_with_5xx_always_answer_problems_and_write_nothing()
    {
        var routes = await PublicRoutes.DiscoverAsync(platform.App);
        var callers = await CallersAsync();
        var before = await QuietRowCountsAsync();
        var failures = new List<string>();
        var sent = 0;

        foreach (var route in routes)
        {
            foreach (var id in JunkIds)
            {
                var path = Fill(route.Path, id);
                foreach (var (name, session, _, _) in callers)
                {
                    foreach (var (what, body) in Bodies(route.Method))
                    {
                        sent++;
                        HttpResponseMessage response;
                        try
                        {
                            response = await SendAsync(route, path, session?.AccessToken, body());
                        }
                        catch (HttpRequestException exception)
                        {
                            failures.Add($"{route.Method} {Shorten(path)} as {name} with {what}: no answer ({exception.GetBaseException().Message})");
                            continue;
                        }

                        using var _ = response;
                        var text = await response.Content.ReadAsStringAsync();
                        var status = (int)response.StatusCode;
                        if (status >= 500)
                            failures.Add($"{route.Method} {Shorten(path)} as {name} with {what}: {status} {Shorten(text)}");
                        else if (status >= 400 && !route.Path.StartsWith("/connect/", StringComparison.Ordinal) && !IsProblem(response, text, status))
                            failures.Add($"{route.Method} {Shorten(path)} as {name} with {what}: {status} without a problem body: {Shorten(text)}");
                        else if (status is 200 or 201 or 202 or 204 && route.Method != "GET" && !BodylessActions.Contains(route.ToString()))
                            failures.Add($"{route.Method} {Shorten(path)} as {name} with {what}: {status}, but nothing in it was valid");
                    }
                }
            }
        }

        var after = await QuietRowCountsAsync();
        foreach (var (table, count) in after)
        {
            if (before.GetValueOrDefault(table) != count)
                failures.Add($"{table}: {before.GetValueOrDefault(table)} rows before, {count} after");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests went wrong:\n{string.Join("\n", failures.Take(2000))}");
    }

    // A nil, an unknown, and ids that are not ids at all (path traversal, non-ASCII, 3,000 characters). Not
    // "%00" nor a request line over 8 KB: Kestrel's HTTP parser refuses those with a bare 400 or 414 and
    // closes the connection before any of our code runs, so no problem body can be given there.
    private static readonly string[] JunkIds =
        [Guid.Empty.ToString(), Guid.NewGuid().ToString(), "not-an-id", "..%2F..%2Fetc%2Fpasswd", "%C3%A9%F0%9F%92%A5", new string('9', 3000)];

    private static IEnumerable<(string What, Func<HttpContent?> Body)> Bodies(string method)
    {
        if (method is "GET" or "DELETE")
        {
            yield return ("no body", () => null);
            yield break;
        }

        yield return ("no body", () => null);
        yield return ("broken JSON", () => JsonContent("{\"email\": "));
        yield return ("a JSON array", () => JsonContent("[1, 2, 3]"));
        yield return ("a JSON string", () => JsonContent("\"hello\""));
        yield return ("wrong types", () => JsonContent("""{"email":5,"password":true,"displayName":[],"company":{},"teamSize":"many","score":"5","accept":"yes","decision":1,"body":null,"token":7,"answers":"all","feature":3,"kind":false,"newPassword":1.5}"""));
        yield return ("extra fields only", () => JsonContent("""{"isAdmin":true,"role":"admin","customerId":"00000000-0000-0000-0000-000000000001","__proto__":{}}"""));
        yield return ("huge strings", () => JsonContent(JsonSerializer.Serialize(new { email = new string('a', 100_000) + "@example.com", password = new string('p', 100_000), displayName = new string('n', 100_000), body = new string('b', 100_000), subject = new string('s', 100_000), company = new string('c', 100_000), token = new string('t', 100_000) })));
        yield return ("control and non-ASCII characters", () => JsonContent(JsonSerializer.Serialize(new { email = "a\u0000b\u0007@exa\u202Emple.com", password = "\u0000\u0001\u0002", displayName = "Zoë 💥 \u0000", body = "\u0000\u001f𝔘ñí", subject = "\u2028\u2029", token = "\u0000", company = "Ünïcødé ☃" })));
        yield return ("text/plain", () => new StringContent("email=a@example.com", Encoding.UTF8, "text/plain"));
        yield return ("a form", () => new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@example.com", ["password"] = "x" }));
    }

    private static HttpContent JsonContent(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static string Fill(string path, string id) =>
        System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", id);

    private async Task<HttpResponseMessage> SendAsync(PublicRoute route, string path, string? accessToken, HttpContent? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = body };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await platform.Gateway.SendAsync(request);
    }

    private static bool IsProblem(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return false;
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>Anonymous, two customers, and each staff role, signed in through the gateway.</summary>
    private async Task<List<(string Name, ApiSession? Session, IReadOnlyCollection<string>? Roles, Guid Id)>> CallersAsync()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var gateway = platform.Gateway;
        var (customerId, customer) = await Accounts.NewCustomerAsync(gateway, mail, $"matrix-a-{Guid.NewGuid():N}@example.com", "Ada Attacker", Wait);
        var (otherId, other) = await Accounts.NewCustomerAsync(gateway, mail, $"matrix-b-{Guid.NewGuid():N}@example.com", "Bo Bystander", Wait);
        var callers = new List<(string, ApiSession?, IReadOnlyCollection<string>?, Guid)>
        {
            ("anonymous", null, null, Guid.Empty),
            ("customer", customer, [Roles.Customer], customerId),
            ("other customer", other, [Roles.Customer], otherId),
        };
        foreach (var (role, account) in new[] { (Roles.Admin, StaffAccounts.Admin), (Roles.SuccessManager, StaffAccounts.CsmOne), (Roles.Agent, StaffAccounts.Agent) })
            callers.Add((role, await Accounts.SignInAsync(gateway, account), [role], Guid.Empty));
        // The business's store: its client-credentials token reaches the store's routes and no one's else.
        callers.Add(("store", await Accounts.StoreSignInAsync(gateway, StaffAccounts.Store), [PublicRoutes.StoreCaller], Guid.Empty));
        return callers;
    }

    /// <summary>Things of customer B that A must not find: B's journey, B's help ticket, B's notification.</summary>
    private async Task<List<(string Method, string Path)>> ThingsOfAsync(ApiSession other, Guid otherId)
    {
        await new JourneyClient(other).WaitForStepAsync("details-submitted", Wait, "active");
        var ticketId = (await other.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/onboarding/journey/help", new { body = "Where do I start?" }))
            .GetProperty("ticketId").GetGuid();
        await Tickets.WaitForAsync(other, ticketId, Wait);
        var inbox = await other.GetAsync("/api/notifications");
        var things = new List<(string, string)>
        {
            ("GET", $"/api/onboarding/journeys/{otherId}"),
            ("GET", $"/api/support/tickets/{ticketId}"),
            ("POST", $"/api/support/tickets/{ticketId}/messages"),
            ("POST", $"/api/support/tickets/{ticketId}/resolve"),
        };
        var items = inbox.ValueKind == JsonValueKind.Array ? inbox : inbox.GetProperty("items");
        foreach (var item in items.EnumerateArray().Take(1))
            things.Add(("POST", $"/api/notifications/{item.GetProperty("id").GetGuid()}/read"));
        return things;
    }

    /// <summary>A token signed by nobody we know, an expired one signed with Identity's real key, and one with <c>alg=none</c>.</summary>
    private async Task<List<(string Kind, string Token)>> BadTokensAsync(string real)
    {
        var parts = real.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();

        using var stranger = RSA.Create(2048);
        var forged = Sign(header, payload, stranger);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stale = payload.DeepClone().AsObject();
        stale["iat"] = now - 7200;
        stale["nbf"] = now - 7200;
        stale["exp"] = now - 3600;
        stale.Remove(AuthenticationIssuedAtMilliseconds);
        using var identityKey = await IdentitySigningKeyAsync(header["kid"]!.GetValue<string>());
        var expired = Sign(header, stale, identityKey);

        var none = header.DeepClone().AsObject();
        none["alg"] = "none";
        var unsigned = $"{Encode(none)}.{Encode(payload)}.";

        return [("forged", forged), ("expired", expired), ("alg=none", unsigned)];
    }

    private const string AuthenticationIssuedAtMilliseconds = "iat_ms";

    /// <summary>Identity's signing key, read from identitydb and decrypted, the one whose public half JWKS names <paramref name="kid"/>.</summary>
    private async Task<RSA> IdentitySigningKeyAsync(string kid)
    {
        var jwks = JsonDocument.Parse(await platform.Gateway.GetStringAsync("/.well-known/jwks")).RootElement;
        var modulus = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid).GetProperty("n").GetString();
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.Databases.Identity));
        await connection.OpenAsync();
        // The keys are encrypted there; the AppHost holds the key that opens them.
        var encryption = new KeyEncryptionKey(await platform.KeyEncryptionKeyAsync());
        await using var command = new NpgsqlCommand("SELECT private_key FROM server_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(encryption.Unprotect(reader.GetString(0), ServerKeyStore.Purpose));
            if (Base64Url.EncodeToString(rsa.ExportParameters(false).Modulus!) == modulus)
                return rsa;
            rsa.Dispose();
        }

        throw new InvalidOperationException($"No key of identitydb matches kid {kid}.");
    }

    private static string Sign(JsonObject header, JsonObject payload, RSA key)
    {
        var content = $"{Encode(header)}.{Encode(payload)}";
        return $"{content}.{Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    private static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    /// <summary>Rows in every table of every service's database, once two counts a second apart agree (other tests' messages settled).</summary>
    private async Task<Dictionary<string, long>> QuietRowCountsAsync()
    {
        var previous = await RowCountsAsync();
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var current = await RowCountsAsync();
            if (current.Count == previous.Count && current.All(c => previous.GetValueOrDefault(c.Key) == c.Value))
                return current;
            previous = current;
        }

        return previous;
    }

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var database in typeof(ResourceNames.Databases).GetFields().Select(f => (string)f.GetValue(null)!))
        {
            await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(database));
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    tables.Add(reader.GetString(0));
            }

            foreach (var table in tables.Where(t => !BackgroundTables.Contains(t)))
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
                counts[$"{database}.{table}"] = (long)(await count.ExecuteScalarAsync())!;
            }
        }

        return counts;
    }
}
