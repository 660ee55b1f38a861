using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// Issue 14 (ADR-016): the server's private keys are encrypted at rest, rotate on a schedule, the next
/// signing key is in the JWKS before it signs anything, and the retired one keeps validating what it
/// signed, so nobody is signed out by a rotation.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_identity_rotates_its_keys(IdentityFixture fixture)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Should_keep_every_private_key_encrypted_in_identitydb()
    {
        var keys = await fixture.InDatabaseAsync(db => db.ServerKeys.AsNoTracking().Select(k => k.PrivateKey).ToListAsync());
        var ring = await fixture.InDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        Assert.True(keys.Count >= 2);
        Assert.All(keys, key =>
        {
            Assert.StartsWith(KeyEncryptionKey.Prefix, key);
            Assert.DoesNotContain("PRIVATE KEY", key);
        });
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.Contains("<encryptedKey", xml);
            Assert.DoesNotContain("masterKey", xml);
        });
    }

    [Fact]
    public async Task Should_encrypt_a_key_an_older_version_left_in_clear()
    {
        using var client = fixture.NewClient();
        var (_, tokens) = await fixture.VerifiedCustomerAsync(client);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var jwks = await client.GetStringAsync("/.well-known/jwks");
        var encryption = new KeyEncryptionKey(fixture.Settings[KeyEncryptionKey.ConfigurationKey]!);
        var id = await fixture.InDatabaseAsync(async db =>
        {
            var row = await db.ServerKeys.Where(k => k.Use == ServerKey.Signing).OrderByDescending(k => k.ActiveFrom).FirstAsync();
            row.PrivateKey = encryption.Unprotect(row.PrivateKey, ServerKeyStore.Purpose); // as the version before stored it
            await db.SaveChangesAsync();
            return row.Id;
        });

        await using (var restarted = fixture.StartApp())
        {
            using var restartedClient = restarted.CreateClient("10.200.0.1");
            Assert.Equal(jwks, await restartedClient.GetStringAsync("/.well-known/jwks"));
            Assert.Equal(HttpStatusCode.OK, (await restartedClient.MeAsync(accessToken)).StatusCode);
        }

        var stored = await fixture.InDatabaseAsync(db => db.ServerKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.PrivateKey).SingleAsync());
        Assert.StartsWith(KeyEncryptionKey.Prefix, stored);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", encryption.Unprotect(stored, ServerKeyStore.Purpose));
    }

    [Fact]
    public async Task Should_publish_the_next_key_before_it_signs_and_sign_nobody_out()
    {
        await using var app = fixture.StartApp(new Dictionary<string, string?>
        {
            ["Identity:Keys:RotationPeriod"] = Period.ToString(),
            ["Identity:Keys:PublicationLead"] = Lead.ToString(),
        });
        var store = app.Services.GetRequiredService<ServerKeyStore>();
        using var client = app.CreateClient("10.200.0.2");
        var (email, before) = await fixture.VerifiedCustomerAsync(client);

        // Move the clock until a rotation is due; the replica makes the next key but does not use it yet.
        var ring = await store.RefreshAsync(CancellationToken.None);
        var current = ring.Signing[^1];
        if (current.ActiveFrom <= store.Now)
        {
            fixture.Time.Advance(current.ActiveFrom + Period - Lead - store.Now + TimeSpan.FromSeconds(1));
            ring = await store.RefreshAsync(CancellationToken.None);
        }
        var next = ring.Signing[^1];
        Assert.True(next.ActiveFrom > store.Now, "no key made ahead of its use");
        Assert.Contains(next.Key.KeyId, await PublishedKidsAsync(client));
        var beforeActivation = await SignInAsync(client, email);
        Assert.NotEqual(next.Key.KeyId, KidOf(beforeActivation.GetProperty("access_token").GetString()!));

        // The next key takes over: new tokens carry it, and everything signed before still works.
        fixture.Time.Advance(next.ActiveFrom - store.Now + TimeSpan.FromSeconds(1));
        await store.RefreshAsync(CancellationToken.None);
        var refreshed = await client.RefreshAsync(before.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var after = await refreshed.JsonAsync();
        Assert.Equal(next.Key.KeyId, KidOf(after.GetProperty("access_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, (await client.MeAsync(after.GetProperty("access_token").GetString()!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.MeAsync(beforeActivation.GetProperty("access_token").GetString()!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(beforeActivation.GetProperty("refresh_token").GetString()!)).StatusCode);
        Assert.Equal(next.Key.KeyId, KidOf((await SignInAsync(client, email)).GetProperty("access_token").GetString()!));
        Assert.Contains(KidOf(beforeActivation.GetProperty("access_token").GetString()!), await PublishedKidsAsync(client));
    }

    private static async Task<JsonElement> SignInAsync(HttpClient client, string email)
    {
        var response = await client.PasswordGrantAsync(email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task<List<string>> PublishedKidsAsync(HttpClient client)
    {
        using var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks"));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private static string KidOf(string jwt) => new JsonWebToken(jwt).Kid;
}
