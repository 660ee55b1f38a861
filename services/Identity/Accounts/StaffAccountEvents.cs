using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>
/// Publishes <see cref="StaffAccountChanged"/> through the bus outbox: the caller's SaveChanges writes
/// the messages with its own changes. Onboarding and Ticketing keep their staff directories from it.
/// </summary>
public sealed class StaffAccountEvents(IdentityDbContext db, IPublishEndpoint publisher, TimeProvider time)
{
    private static readonly string[] StaffRoles = [.. Roles.Staff];

    /// <summary>Every account holding a staff role, as it is now (at start, so every directory converges).</summary>
    public Task<int> PublishAllAsync(CancellationToken cancellationToken) =>
        PublishAsync(db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(r => r.Id == ur.RoleId && StaffRoles.Contains(r.Name!)))), cancellationToken);

    /// <summary>
    /// The given accounts after a change, including one that just lost its staff roles (published
    /// inactive, so directories stop assigning work to it).
    /// </summary>
    public Task<int> PublishAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        PublishAsync(db.Users.Where(u => userIds.Contains(u.Id)), cancellationToken);

    private async Task<int> PublishAsync(IQueryable<PlatformUser> users, CancellationToken cancellationToken)
    {
        var accounts = await users.AsNoTracking()
            .OrderBy(u => u.Id)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        foreach (var account in accounts)
        {
            var roles = account.Roles.Order(StringComparer.Ordinal).ToList();
            await publisher.Publish(new StaffAccountChanged
            {
                StaffId = account.Id,
                Email = account.Email!,
                DisplayName = account.DisplayName,
                Roles = roles,
                // A lockout until the end of time is ASP.NET Identity's "disabled"; the 15-minute one after failed sign-ins is not.
                Active = roles.Intersect(StaffRoles).Any() && account.LockoutEnd != DateTimeOffset.MaxValue,
                ChangedAt = now,
            }, cancellationToken);
        }
        return accounts.Count;
    }
}
