using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_an_old_password_hash_signs_in(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_sign_in_and_store_an_argon2id_hash_in_its_place()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        // As ASP.NET Core Identity's own hasher stored it before the move to Argon2id.
        var legacy = new PasswordHasher<PlatformUser>().HashPassword(new PlatformUser(), IdentityCalls.Password);
        await fixture.InDatabaseAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, legacy)));

        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);

        var stored = await fixture.InDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", stored);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email, "not-the-password-at-all")).StatusCode);
    }

    [Fact]
    public async Task Should_hash_new_accounts_with_argon2id()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);

        var stored = await fixture.InDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());

        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", stored);
    }
}
