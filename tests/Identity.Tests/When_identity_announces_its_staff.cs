using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_identity_announces_its_staff(IdentityFixture fixture)
{
    [Theory]
    [InlineData("admin@example.com", "Avery Admin", Roles.Admin)]
    [InlineData("csm.one@example.com", "Casey Success", Roles.SuccessManager)]
    [InlineData("csm.two@example.com", "Morgan Success", Roles.SuccessManager)]
    [InlineData("agent@example.com", "Alex Agent", Roles.Agent)]
    public async Task Should_publish_every_seeded_staff_account_at_start(string email, string displayName, string role)
    {
        var id = await fixture.InDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var announced = await fixture.Messages.WaitForAsync<StaffAccountChanged>(m => m.StaffId == id);

        Assert.Equal(email, announced.Email);
        Assert.Equal(displayName, announced.DisplayName);
        Assert.Equal([role], announced.Roles);
        Assert.True(announced.Active);
    }

    [Fact]
    public async Task Should_announce_them_again_when_a_replica_starts()
    {
        var admin = await fixture.InDatabaseAsync(db => db.Users.Where(u => u.Email == "admin@example.com").Select(u => u.Id).SingleAsync());
        await fixture.Messages.WaitForAsync<StaffAccountChanged>(m => m.StaffId == admin);
        var before = fixture.Messages.All<StaffAccountChanged>().Count(m => m.StaffId == admin);

        await using var replica = fixture.StartApp();

        await WaitUntilAsync(() => fixture.Messages.All<StaffAccountChanged>().Count(m => m.StaffId == admin) > before);
    }

    [Fact]
    public async Task Should_announce_them_again_when_a_directory_asks()
    {
        var admin = await fixture.InDatabaseAsync(db => db.Users.Where(u => u.Email == "admin@example.com").Select(u => u.Id).SingleAsync());
        await fixture.Messages.WaitForAsync<StaffAccountChanged>(m => m.StaffId == admin);
        var before = fixture.Messages.All<StaffAccountChanged>().Count(m => m.StaffId == admin);

        // What Onboarding and Ticketing publish once their queues are bound.
        await fixture.App.Services.GetRequiredService<IBus>().Publish(new AnnounceStaff { RequestedBy = "tests", RequestedAt = DateTimeOffset.UtcNow });

        await WaitUntilAsync(() => fixture.Messages.All<StaffAccountChanged>().Count(m => m.StaffId == admin) > before);
    }

    [Fact]
    public async Task Should_announce_an_account_that_lost_its_staff_role_as_inactive()
    {
        var staffId = await CreateStaffAsync(Roles.Agent);
        await PublishChangeAsync(staffId);
        var active = await fixture.Messages.WaitForAsync<StaffAccountChanged>(m => m.StaffId == staffId);
        Assert.True(active.Active);

        await fixture.InDatabaseAsync(db => db.UserRoles.Where(ur => ur.UserId == staffId).ExecuteDeleteAsync());
        await PublishChangeAsync(staffId);

        var inactive = await fixture.Messages.WaitForAsync<StaffAccountChanged>(m => m.StaffId == staffId && !m.Active);
        Assert.Empty(inactive.Roles);
    }

    private async Task<Guid> CreateStaffAsync(string role)
    {
        var email = IdentityFixture.NewEmail("staff");
        return await fixture.InDatabaseAsync(async db =>
        {
            var user = new PlatformUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = "Sam Staff",
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
            await db.SaveChangesAsync();
            return user.Id;
        });
    }

    // What a staff-administration path does after changing an account: publish, then commit.
    private async Task PublishChangeAsync(Guid staffId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<StaffAccountEvents>().PublishAsync([staffId], CancellationToken.None);
        Assert.Equal(1, published);
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().SaveChangesAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The staff accounts were not announced again.");
            await Task.Delay(50);
        }
    }
}
